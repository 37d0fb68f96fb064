namespace ImageDsl.Apk.Packages;

/// <summary>A file of the control member other than `.PKGINFO`: a script (`.post-install`...) or metadata (`.melange.yaml`).</summary>
/// <param name="Name">The entry name, e.g. `.post-install`.</param>
/// <param name="Mode">Permission bits (scripts are normally 0755).</param>
/// <param name="Content">The bytes.</param>
public sealed record ControlFile(string Name, int Mode, byte[] Content)
{
    /// <summary>The names apk runs as scripts.</summary>
    public static readonly IReadOnlySet<string> ScriptNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ".pre-install", ".post-install", ".pre-upgrade", ".post-upgrade", ".pre-deinstall", ".post-deinstall", ".trigger",
    };

    /// <summary>True for an apk script (<see cref="ScriptNames"/>).</summary>
    public bool IsScript => ScriptNames.Contains(Name);
}
