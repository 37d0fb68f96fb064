using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Accounts;

/// <summary>Writes the account files and home directories into the image; returns run-as resolved to a uid.</summary>
public static class AccountsInstaller
{
    /// <summary>Applies `accounts:` to the tree.</summary>
    public static string? Install(FileTree tree, ImageAccounts? accounts)
    {
        var existing = new AccountFiles(Read(tree, "etc/passwd"), Read(tree, "etc/group"), Read(tree, "etc/shadow"));
        AccountChanges changes = AccountsWriter.Apply(existing, accounts);
        tree.MkdirAll("etc");
        Write(tree, "etc/passwd", changes.Files.Passwd, 0x1A4);
        Write(tree, "etc/group", changes.Files.Group, 0x1A4);
        Write(tree, "etc/shadow", changes.Files.Shadow, 0x1A0);
        foreach (HomeDirectory home in changes.HomeDirectories)
        {
            FileNode? node = tree.Lookup(home.Path);
            if (node is not null)
            {
                if (!node.IsDirectory)
                {
                    throw new ImageDslException(ErrorKind.Build, $"the home directory {home.Path} exists but is not a directory",
                        "Change the user's homedir, or remove the file a package installed there.");
                }
                continue;
            }
            string normal = TreePath.Normalize(home.Path);
            int slash = normal.LastIndexOf('/');
            if (slash > 0)
            {
                tree.MkdirAll(normal[..slash]);
            }
            tree.MkdirAll(normal, (UnixFileMode)0x1C0, (int)home.Uid, (int)home.Gid);
        }
        return changes.RunAs;
    }

    private static string? Read(FileTree tree, string path) =>
        tree.Lookup(path) is { Type: FileNodeType.RegularFile } ? System.Text.Encoding.UTF8.GetString(tree.ReadAllBytes(path)) : null;

    private static void Write(FileTree tree, string path, string? text, int mode)
    {
        if (text is null)
        {
            return;
        }
        FileNode? old = tree.Lookup(path);
        var node = tree.WriteText(path, text, (UnixFileMode)(old?.Mode ?? (UnixFileMode)mode));
        if (old is not null)
        {
            node.Uid = old.Uid;
            node.Gid = old.Gid;
            node.ModificationTime = old.ModificationTime;
            node.Package = old.Package;
        }
    }
}
