// Shared source: compiled into ImageDsl.Abstractions (net8.0) and linked into ImageDsl.Generator
// (netstandard2.0), so the YAML validator and the C# analyzers apply the same rule.
using System;
using System.Collections.Generic;

namespace ImageDsl.Rules;

/// <summary>apko's architecture names: the 9 canonical OCI names and the apk aliases.</summary>
internal static class ArchitectureNames
{
    /// <summary>The canonical names in apko's sorted order (= `all`).</summary>
    public static readonly string[] Canonical =
        { "386", "amd64", "arm/v6", "arm/v7", "arm64", "loong64", "ppc64le", "riscv64", "s390x" };

    private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x86"] = "386",
        ["x86_64"] = "amd64",
        ["aarch64"] = "arm64",
        ["armhf"] = "arm/v6",
        ["armv7"] = "arm/v7",
        ["loongarch64"] = "loong64",
    };

    /// <summary>
    /// Maps a canonical name or apk alias to the canonical name. Unlike apko (which passes unknown
    /// names through), an unknown name is refused so a typo cannot yield an image nobody can run.
    /// </summary>
    public static bool TryCanonicalize(string? input, out string canonical)
    {
        canonical = "";
        if (input is null)
        {
            return false;
        }
        if (Array.IndexOf(Canonical, input) >= 0)
        {
            canonical = input;
            return true;
        }
        if (Aliases.TryGetValue(input, out string? mapped))
        {
            canonical = mapped;
            return true;
        }
        return false;
    }

    /// <summary>True when <paramref name="input"/> is an apk alias (e.g. `x86_64`) rather than the canonical name.</summary>
    public static bool IsAlias(string input) => Aliases.ContainsKey(input);

    /// <summary>The apk name (`/etc/apk/arch`, repository folder) of a canonical name.</summary>
    public static string ToApk(string canonical)
    {
        switch (canonical)
        {
            case "386": return "x86";
            case "amd64": return "x86_64";
            case "arm64": return "aarch64";
            case "arm/v6": return "armhf";
            case "arm/v7": return "armv7";
            case "loong64": return "loongarch64";
            default: return canonical;
        }
    }

    /// <summary>The OCI platform architecture and variant of a canonical name.</summary>
    public static (string Architecture, string? Variant) ToOciPlatform(string canonical)
    {
        switch (canonical)
        {
            case "arm/v6": return ("arm", "v6");
            case "arm/v7": return ("arm", "v7");
            default: return (canonical, null);
        }
    }

    /// <summary>The closest canonical name to a misspelt one, or null when nothing is near.</summary>
    public static string? Suggest(string input)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in Canonical)
        {
            int d = EditDistance.Between(input.ToLowerInvariant(), name);
            if (d < bestDistance)
            {
                best = name;
                bestDistance = d;
            }
        }
        foreach (var alias in Aliases)
        {
            int d = EditDistance.Between(input.ToLowerInvariant(), alias.Key);
            if (d < bestDistance)
            {
                best = alias.Value;
                bestDistance = d;
            }
        }
        return bestDistance <= 3 ? best : null;
    }
}
