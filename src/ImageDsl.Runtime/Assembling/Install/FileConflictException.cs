using ImageDsl.Errors;

namespace ImageDsl.Assembling.Install;

/// <summary>Two packages install different content at the same path and neither replaces the other.</summary>
public sealed class FileConflictException(string path, string existingPackage, string newPackage)
    : ImageDslException(ErrorKind.Build,
        $"file conflict at /{path}: {newPackage} would overwrite the file installed by {existingPackage}",
        $"Remove one of the packages, or have {newPackage} declare `replaces` on {existingPackage.Split('-')[0]}.")
{
    /// <summary>The contested path.</summary>
    public string Path { get; } = path;
}
