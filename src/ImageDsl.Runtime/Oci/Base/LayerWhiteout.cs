namespace ImageDsl.Oci.Base;

/// <summary>
/// OCI whiteouts (image-spec layer.md): an entry `dir/.wh.name` removes `dir/name` and everything under it
/// from the layers below, and `dir/.wh..wh..opq` removes everything below that was in `dir`. A base image's
/// files read from its layers (the apk database, /etc/passwd) must honour them, or a file a later layer deleted
/// would still be believed.
/// </summary>
internal static class LayerWhiteout
{
    private const string Prefix = ".wh.";
    private const string Opaque = ".wh..wh..opq";

    /// <summary>True when the entry <paramref name="entryName"/> (normalised, no leading `./` or `/`) removes <paramref name="target"/> from lower layers.</summary>
    public static bool Removes(string entryName, string target)
    {
        int slash = entryName.LastIndexOf('/');
        string folder = slash < 0 ? "" : entryName[..slash];
        string leaf = entryName[(slash + 1)..];
        if (!leaf.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        if (leaf == Opaque)
        {
            return folder.Length == 0 || target.StartsWith(folder + "/", StringComparison.Ordinal);
        }
        string removed = (folder.Length == 0 ? "" : folder + "/") + leaf[Prefix.Length..];
        return target == removed || target.StartsWith(removed + "/", StringComparison.Ordinal);
    }
}
