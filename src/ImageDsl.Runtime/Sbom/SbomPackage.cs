namespace ImageDsl.Sbom;

/// <summary>An installed APK package as the SBOM lists it (fields as in the installed database).</summary>
/// <param name="Name">`P:`.</param>
/// <param name="Version">`V:`.</param>
/// <param name="Architecture">`A:` (apk name, e.g. `x86_64`).</param>
public sealed record SbomPackage(string Name, string Version, string Architecture)
{
    /// <summary>`L:`: the license expression as the package declares it.</summary>
    public string? License { get; init; }

    /// <summary>`o:`.</summary>
    public string? Origin { get; init; }

    /// <summary>`T:`.</summary>
    public string? Description { get; init; }

    /// <summary>`U:`.</summary>
    public string? Url { get; init; }

    /// <summary>`C:`: `Q1` + base64 SHA-1 of the control section.</summary>
    public string? ControlChecksum { get; init; }

    /// <summary>`datahash`: hex SHA-256 of the data section.</summary>
    public string? DataHash { get; init; }

    /// <summary>`m:`: the maintainer, e.g. `Name &lt;mail&gt;`.</summary>
    public string? Maintainer { get; init; }

    /// <summary>
    /// Its regular files, listed one by one in the SBOM (set for packages the build made from local
    /// content, whose files no other SBOM describes); empty lists none.
    /// </summary>
    public IReadOnlyList<SbomFile> Files { get; init; } = [];

    /// <summary>
    /// The NuGet packages of the .NET app(s) among <see cref="Files"/>, from their `*.deps.json` (set for
    /// local content packages that install one); null when there are none.
    /// </summary>
    public NuGetDependencies? NuGet { get; init; }
}

/// <summary>One architecture's image and what went into it.</summary>
/// <param name="Image">The written image.</param>
/// <param name="Tree">Its filesystem (os-release and embedded SBOMs are read from it).</param>
/// <param name="Packages">Every installed package.</param>
public sealed record SbomImage(Oci.OciImage Image, Assembling.FileSystem.FileTree Tree, IReadOnlyList<SbomPackage> Packages);
