using System.Formats.Tar;

namespace ImageDsl.Testing.Running;

/// <summary>
/// Writes an image's files to a folder a sandbox uses as its root. Symbolic links are created last and
/// nothing is ever written through one, so a link to an absolute path (e.g. <c>/lib -&gt; /usr/lib</c>)
/// can never make a write land outside the folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class RootFilesystem
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;

    /// <param name="root">The folder to write.</param>
    /// <param name="files">The image's entries by path.</param>
    /// <param name="owners">Give every entry the uid and gid the image records (needs root; runc as root uses it).</param>
    internal static void Write(string root, IReadOnlyDictionary<string, ImageFile> files, bool owners = false)
    {
        Directory.CreateDirectory(root);
        ImageFile[] ordered = files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        foreach (ImageFile file in ordered)
        {
            string target = Target(root, file.Path);
            if (file.IsDirectory)
            {
                Directory.CreateDirectory(target);
                Own(target, file, owners);
            }
            else if (file.IsFile)
            {
                WriteFile(target, file.Content, file.Mode, owners ? file : null);
            }
            else if (file.Type == TarEntryType.HardLink)
            {
                // The link's target is another entry of the image; its bytes come from memory, never from disk.
                ImageFile source = files.GetValueOrDefault(ImageUnderTest.Normalize(file.LinkTarget ?? ""))
                    ?? throw new InvalidDataException($"the image's hard link {file.Path} points at {file.LinkTarget}, which the image does not have");
                WriteFile(target, source.Content, source.Mode, owners ? source : null);
            }
        }
        foreach (ImageFile link in ordered.Where(f => f.Type == TarEntryType.SymbolicLink))
        {
            string target = Target(root, link.Path);
            if (Path.Exists(target))
            {
                throw new InvalidDataException($"the image has entries under its symbolic link {link.Path}; it cannot be written as a root filesystem");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.CreateSymbolicLink(target, link.LinkTarget ?? "");
            Own(target, link, owners);
        }
        // Directory modes last (deepest first): a read-only directory must not stop its children being written.
        foreach (ImageFile directory in ordered.Where(f => f.IsDirectory).Reverse())
        {
            File.SetUnixFileMode(Target(root, directory.Path), (UnixFileMode)directory.Mode & PermissionBits);
        }
    }

    /// <summary>Removes a root written by <see cref="Write"/>, read-only directories included.</summary>
    internal static void Delete(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? directory))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (string child in Directory.EnumerateDirectories(directory))
            {
                if (new DirectoryInfo(child).LinkTarget is null)
                {
                    pending.Push(child);
                }
            }
        }
        Directory.Delete(root, recursive: true);
    }

    private static void WriteFile(string target, byte[] content, int mode, ImageFile? owner)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
        if (owner is not null)
        {
            Own(target, owner, true); // before the mode: a change of owner clears set-uid and set-gid bits
        }
        File.SetUnixFileMode(target, (UnixFileMode)mode & PermissionBits);
    }

    private static void Own(string target, ImageFile file, bool owners)
    {
        if (owners && NativeMethods.lchown(target, (uint)file.Uid, (uint)file.Gid) != 0)
        {
            throw new IOException($"could not give {file.Path} owner {file.Uid}:{file.Gid} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>The host path of an image path; refuses <c>..</c> and <c>.</c> segments.</summary>
    private static string Target(string root, string imagePath)
    {
        string[] segments = imagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return root;
        }
        if (segments.Any(s => s is "." or ".."))
        {
            throw new InvalidDataException($"the image path {imagePath} has a '.' or '..' segment");
        }
        return Path.Combine([root, .. segments]);
    }
}
