using ImageDsl.Errors;

namespace ImageDsl.Sbom;

/// <summary>An SBOM format `--sbom-formats` can ask for.</summary>
public enum SbomFormat
{
    /// <summary>SPDX 2.3 JSON, `sbom-&lt;arch&gt;.spdx.json` (apko's only format).</summary>
    Spdx,

    /// <summary>CycloneDX 1.6 JSON, `sbom-&lt;arch&gt;.cdx.json` (ours; apko has none).</summary>
    CycloneDx,
}

/// <summary>Reads `--sbom-formats` values.</summary>
public static class SbomFormats
{
    /// <summary>apko's default.</summary>
    public static IReadOnlyList<SbomFormat> Default { get; } = [SbomFormat.Spdx];

    /// <summary>
    /// Parses names (already split at commas): apko's `spdx`, and `cyclonedx` (also `cdx`), any case,
    /// each once in the order first given. Anything else is a usage error naming the value.
    /// </summary>
    public static IReadOnlyList<SbomFormat> Parse(IEnumerable<string> names)
    {
        var formats = new List<SbomFormat>();
        foreach (string raw in names)
        {
            string name = raw.Trim();
            SbomFormat format = name.ToLowerInvariant() switch
            {
                "spdx" or "spdx-json" => SbomFormat.Spdx,
                "cyclonedx" or "cdx" or "cyclonedx-json" => SbomFormat.CycloneDx,
                _ => throw new ImageDslException(ErrorKind.Configuration, $"--sbom-formats: '{name}' is not an SBOM format",
                    "Use spdx, cyclonedx or both, comma-separated: --sbom-formats spdx,cyclonedx."),
            };
            if (!formats.Contains(format))
            {
                formats.Add(format);
            }
        }
        return formats.Count == 0 ? Default : formats;
    }
}
