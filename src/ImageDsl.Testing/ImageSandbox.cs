namespace ImageDsl.Testing;

/// <summary>The tool <see cref="ImageUnderTest.RunAsync"/> runs commands in the image with.</summary>
public enum ImageSandbox
{
    /// <summary>bubblewrap (<c>bwrap</c>) when it is on PATH, else runc.</summary>
    Auto = 0,

    /// <summary>bubblewrap (<c>bwrap</c>): rootless, through a user namespace.</summary>
    Bubblewrap,

    /// <summary>runc, the OCI runtime: as root, files keep the owners the image gives them; otherwise rootless.</summary>
    Runc,
}
