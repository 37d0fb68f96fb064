using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Repositories (IMG0028), keys (IMG0023, IMG0024, IMG0034) and the base image (IMG0027, IMG0029).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContentsAnalyzer : ImageDslAnalyzer
{
    private static readonly Regex Tag = new Regex("^[a-zA-Z0-9]+$", RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.BadRepository, Descriptors.BadFileName, Descriptors.BadRuntimeKey, Descriptors.InvalidValue,
        Descriptors.MissingField, Descriptors.BaseImageFields, Descriptors.InvalidValue);

    private protected override void Analyze(ImageAnalysis image)
    {
        Declaration own = image.Own;
        foreach (RepositoryDeclaration repository in own.Repositories.Concat(own.BuildRepositories).Concat(own.RuntimeRepositories))
        {
            CheckRepository(image, repository);
        }
        foreach (Sourced<string?> key in own.Keyring.Where(k => string.IsNullOrWhiteSpace(k.Value)))
        {
            image.Report(Descriptors.InvalidValue, key.Origin, "the keyring entry is empty; give a key file path or URL");
        }
        foreach (NamedTextDeclaration key in own.RuntimeKeys)
        {
            if (!ImageRules.IsValidFileName(key.Name.Value))
            {
                image.Report(Descriptors.BadFileName, key.Name.Origin, "runtime key", key.Name.Value ?? "");
            }
            if (string.IsNullOrWhiteSpace(key.Content.Value))
            {
                image.Report(Descriptors.BadRuntimeKey, key.Content.Origin, $"the runtime key '{key.Name.Value}' has no content");
            }
            else if (key.Content.Value!.IndexOf("-----BEGIN ", System.StringComparison.Ordinal) < 0)
            {
                image.Report(Descriptors.BadRuntimeKey, key.Content.Origin, $"the runtime key '{key.Name.Value}' is not PEM text (no -----BEGIN line)");
            }
        }
        image.ReportDuplicates(image.Merged.RuntimeKeys, k => k.Name.Value, k => k.Name.Origin,
            (k, origin) => image.ReportIfOwn(Descriptors.BadRuntimeKey, origin, $"the runtime key name '{k.Name.Value}' is used more than once"));

        if (own.BaseImage is { } baseImage)
        {
            bool hasReference = !string.IsNullOrWhiteSpace(baseImage.Reference?.Value);
            if (string.IsNullOrWhiteSpace(baseImage.Image.Value) && !hasReference)
            {
                image.Report(Descriptors.MissingField, Where(baseImage), "[BaseImage]", "image (a layout folder) or Reference (a registry reference)");
            }
            else if (!string.IsNullOrWhiteSpace(baseImage.Image.Value) && hasReference)
            {
                image.Report(Descriptors.InvalidValue, baseImage.Reference!.Value.Origin,
                    "[BaseImage] names both a layout folder and a registry Reference; give one of them");
            }
        }
        if (image.IsImage && image.Merged.BaseImage is { } merged)
        {
            ReportFieldsBesideBaseImage(image, merged);
        }
    }

    /// <summary>
    /// With a base image nothing may rewrite the base's files (see <see cref="OtherThanContents"/>). Each offending value
    /// this class writes is reported where it is written; values that all come from base classes or
    /// fragments are reported once, at the base image (or the image, when that is inherited too).
    /// </summary>
    private static void ReportFieldsBesideBaseImage(ImageAnalysis image, BaseImageDeclaration baseImage)
    {
        List<Origin> offending = OtherThanContents(image.Merged).ToList();
        if (offending.Count == 0)
        {
            return;
        }
        var own = offending.Where(image.IsOwn).Select(o => o.Attribute).Distinct().ToList();
        if (own.Count == 0)
        {
            image.ReportOnImage(Descriptors.BaseImageFields, Where(baseImage), ImmutableDictionary<string, string?>.Empty);
            return;
        }
        foreach (AttributeData attribute in own)
        {
            image.Report(Descriptors.BaseImageFields, Origin.Whole(attribute));
        }
    }

    /// <summary>Where a base image is written: its layout folder argument, or its Reference when that names it.</summary>
    private static Origin Where(BaseImageDeclaration baseImage) =>
        baseImage.Image.Value is null && baseImage.Reference is { } reference ? reference.Origin : baseImage.Image.Origin;

    private static void CheckRepository(ImageAnalysis image, RepositoryDeclaration repository)
    {
        string? url = repository.Url.Value;
        if (string.IsNullOrWhiteSpace(url))
        {
            image.Report(Descriptors.BadRepository, repository.Url.Origin, "the repository URL is empty");
        }
        else if (url!.Any(char.IsWhiteSpace))
        {
            image.Report(Descriptors.BadRepository, repository.Url.Origin,
                $"the repository '{url}' contains white space; give the tag with Tag = \"...\" and the URL alone");
        }
        if (repository.Tag is { } tag && tag.Value is not null)
        {
            if (tag.Value.StartsWith("@", System.StringComparison.Ordinal))
            {
                image.Report(Descriptors.BadRepository, tag.Origin, $"write the tag '{tag.Value}' without the '@'");
            }
            else if (!Tag.IsMatch(tag.Value))
            {
                image.Report(Descriptors.BadRepository, tag.Origin, $"the repository tag '{tag.Value}' may hold only letters and digits");
            }
        }
    }

    /// <summary>
    /// Where each value that would rewrite the base's files is written: users, groups, paths, layering and
    /// certificates (apko refuses even more; runtime settings such as the entrypoint override the base's).
    /// </summary>
    private static IEnumerable<Origin> OtherThanContents(Declaration d)
    {
        foreach (UserDeclaration user in d.Users)
        {
            yield return user.Name.Origin;
        }
        foreach (GroupDeclaration group in d.Groups)
        {
            yield return group.Name.Origin;
        }
        foreach (PathDeclaration path in d.Paths)
        {
            yield return path.Entry;
        }
        if (d.Layering is { } layering)
        {
            yield return layering.Entry;
        }
        if (d.Certificates is { } certificates)
        {
            foreach (NamedTextDeclaration c in certificates.Additional)
            {
                yield return c.Name.Origin;
            }
            foreach (Sourced<string?> provider in certificates.Providers)
            {
                yield return provider.Origin;
            }
        }
    }
}
