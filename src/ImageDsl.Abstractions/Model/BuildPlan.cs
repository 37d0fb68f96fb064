namespace ImageDsl.Model;

/// <summary>
/// The compiled build plan of an image: its configuration and the exact packages its lock file pinned for
/// each architecture. The ImageDsl generator emits one (the image class's static <c>Plan</c>) when the project
/// has the image's lock file, <c>&lt;image name&gt;.lock.json</c>, as an <c>AdditionalFiles</c> item;
/// <c>dotnet image build --project</c> then installs exactly these packages without resolving.
/// </summary>
public sealed record BuildPlan
{
    /// <summary>The image declaration (the class's generated <c>Configuration</c>).</summary>
    public ImageConfiguration Configuration { get; init; } = new();

    /// <summary>The lock file the plan was compiled from (its file name, e.g. <c>web.lock.json</c>).</summary>
    public string LockFile { get; init; } = "";

    /// <summary>
    /// The lock's <c>config.checksum</c>: <c>sha256-</c> + base64 SHA-256 of the apko.yaml form the lock was made
    /// from. A build refuses the plan when the image's configuration no longer has this checksum.
    /// </summary>
    public string ConfigurationChecksum { get; init; } = "";

    /// <summary>Every pinned package of every architecture; each architecture's in install order.</summary>
    public ValueList<PinnedPackage> Packages { get; init; } = ValueList<PinnedPackage>.Empty;

    /// <summary>The packages pinned for one apk architecture (<c>x86_64</c>, <c>aarch64</c>...), in install order.</summary>
    /// <param name="apkArchitecture">The apk name of the architecture.</param>
    public IReadOnlyList<PinnedPackage> PackagesFor(string apkArchitecture) =>
        Packages.Where(p => string.Equals(p.Architecture, apkArchitecture, StringComparison.Ordinal)).ToList();
}
