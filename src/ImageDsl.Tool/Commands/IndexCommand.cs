using System.CommandLine;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image index`: APKINDEX.tar.gz for a folder of .apk files.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var repo = new Argument<string>("repo-dir")
        {
            Description = "Repository folder. Indexes <repo-dir>/<arch> with --arch; else the folder itself if it holds .apk files; else every subfolder that does.",
        };
        var arch = new Option<string?>("--arch") { Description = "Index only <repo-dir>/<arch>; packages of another arch are an error." };
        var sign = new Option<string?>("--sign") { Description = "Private key (.rsa) to sign the index with (.SIGN.RSA256.<key>.rsa.pub)." };
        var description = new Option<string>("--description")
        {
            Description = "The index's DESCRIPTION text.",
            DefaultValueFactory = _ => "",
        };
        var keyring = new Option<string[]>("--keyring", "-k")
        {
            Description = "Public keys that package signatures must verify with (the --sign key's own public half is always included).",
        };
        var command = new Command("index",
            "Write a signed APKINDEX.tar.gz for the .apk files of a repository folder, as `apk index` does.\n" +
            "Every package is verified (datahash; signatures by known keys) before it is indexed.\n\n" +
            "Example:\n  dotnet image index samples/repo --sign samples/keys/sample.rsa --description 'ImageDsl samples'")
        {
            repo, arch, sign, description, keyring,
        };
        command.SetAction(parse =>
        {
            using ApkPrivateKey? key = parse.GetValue(sign) is { } keyPath ? ApkPrivateKey.FromFile(keyPath) : null;
            var keys = (parse.GetValue(keyring) ?? []).Select(ApkPublicKey.FromFile).ToList();
            if (key is not null)
            {
                keys.Add(key.PublicKey);
            }
            var trusted = new Keyring(keys);
            foreach ((string folder, string? folderArch) in Folders(parse.GetValue(repo)!, parse.GetValue(arch)))
            {
                IReadOnlyList<ApkIndexEntry> entries = ApkIndexWriter.ScanDirectory(folder, folderArch, trusted);
                string path = Path.Combine(folder, "APKINDEX.tar.gz");
                ApkIndexWriter.WriteFile(path, entries, parse.GetValue(description)!, key);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"wrote {path} ({entries.Count} package{(entries.Count == 1 ? "" : "s")}" +
                    (key is null ? ", unsigned)" : $", signed with {key.PublicKeyName})"));
            }
            return 0;
        });
        return command;
    }

    private static List<(string Folder, string? Arch)> Folders(string repo, string? arch)
    {
        if (!Directory.Exists(repo))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{repo} is not a directory",
                "Give the repository folder (with <arch>/ subfolders holding .apk files).");
        }
        if (arch is not null)
        {
            return [(Path.Combine(repo, arch), arch)];
        }
        if (Directory.EnumerateFiles(repo, "*.apk").Any())
        {
            return [(repo, null)];
        }
        var folders = Directory.EnumerateDirectories(repo)
            .Where(d => Directory.EnumerateFiles(d, "*.apk").Any())
            .Order(StringComparer.Ordinal)
            .Select(d => (d, (string?)Path.GetFileName(d)))
            .ToList();
        return folders.Count > 0
            ? folders
            : throw new ImageDslException(ErrorKind.Configuration, $"no .apk files in {repo} or its subfolders",
                "Pack some first: dotnet image pack <dir> --name N --version V --arch A -o <repo-dir>/<arch>/");
    }
}
