using System.Collections.Generic;
using System.Threading;
using ImageDsl.Generator.Helpers;
using ImageDsl.Generator.Model;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Locking;

/// <summary>
/// Reads a lock file AdditionalFile into the <see cref="LockSpec"/> a build plan is compiled from. A file that
/// cannot be read gives no plan (the lock file analyzer reports it, IMG0034).
/// </summary>
internal static class LockPlanFiles
{
    /// <summary>A lock file larger than this is not compiled into a plan (lock files of whole distributions stay far below).</summary>
    public const int MaxChars = 64 * 1024 * 1024;

    /// <summary>The spec, or null when the file cannot be read or parsed.</summary>
    public static LockSpec? Read(AdditionalText file, CancellationToken cancellationToken)
    {
        string fileName = System.IO.Path.GetFileName(file.Path);
        string? text = file.GetText(cancellationToken)?.ToString();
        if (text is null || text.Length > MaxChars)
        {
            return null;
        }
        LockFileContents contents;
        try
        {
            contents = LockFileContents.Parse(fileName, text);
        }
        catch (MiniJsonException)
        {
            return null;
        }
        var packages = new List<PinnedSpec>(contents.Packages.Count);
        foreach (LockedPackage package in contents.Packages)
        {
            packages.Add(new PinnedSpec(package.Name, package.Version, ArchOf(package), package.Checksum, RepositoryOf(package.Url)));
        }
        string imageName = fileName.Substring(0, fileName.Length - LockFileSet.Suffix.Length);
        return new LockSpec(imageName, fileName, contents.ConfigChecksum, packages.ToEquatableArray());
    }

    /// <summary>
    /// The apk arch a package is installed for, as the runtime's lock reader places it: its <c>architecture</c>
    /// when that is an apk arch name, else (<c>noarch</c>) the arch folder of its URL.
    /// </summary>
    private static string ArchOf(LockedPackage package)
    {
        if (ArchitectureNames.TryCanonicalize(package.Architecture, out string canonical) && ArchitectureNames.ToApk(canonical) == package.Architecture)
        {
            return package.Architecture;
        }
        string[] parts = package.Url.Split('/');
        return parts.Length >= 2 ? parts[parts.Length - 2] : package.Architecture;
    }

    /// <summary>The repository of a package URL: <c>&lt;repository&gt;/&lt;arch&gt;/&lt;file&gt;.apk</c> without the last two parts.</summary>
    private static string RepositoryOf(string url)
    {
        int file = url.LastIndexOf('/');
        int arch = file > 0 ? url.LastIndexOf('/', file - 1) : -1;
        return arch > 0 ? url.Substring(0, arch) : "";
    }
}
