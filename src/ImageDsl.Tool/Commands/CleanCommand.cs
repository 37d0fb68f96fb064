using System.CommandLine;
using System.Text.Json.Nodes;
using ImageDsl.Errors;
using ImageDsl.Progress;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image clean`: print the cache's size, then remove it (as `apko clean`).</summary>
internal static class CleanCommand
{
    public static Command Create()
    {
        Option<string?> cacheDir = CacheDirectory.CreateOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the cache's size; remove nothing." };
        Option<string> format = OutputFormatOption.Create();
        var command = new Command("clean",
            "Remove the download cache (APK indexes and packages) after printing its size.\n\n" +
            "Example:\n  dotnet image clean --dry-run")
        {
            cacheDir,
            dryRun,
            format,
        };
        command.SetAction(parse =>
        {
            string dir = CacheDirectory.Resolve(parse.GetValue(cacheDir));
            bool dry = parse.GetValue(dryRun);
            ICommandOutput output = CommandOutput.Create(parse);
            var result = new JsonObject { ["cacheDir"] = dir, ["dryRun"] = dry };
            if (!Directory.Exists(dir))
            {
                if (File.Exists(dir))
                {
                    throw new ImageDslException(ErrorKind.Configuration, $"the cache path {dir} is a file, not a folder",
                        "Give --cache-dir the cache folder.");
                }
                result["exists"] = false;
                result["bytes"] = 0;
                result["removed"] = false;
                output.WriteResult(result, text => text.WriteLine($"cache directory {dir} does not exist, nothing to clean"));
                return 0;
            }
            RefuseDangerousFolder(dir);
            long bytes = FolderSize(new DirectoryInfo(dir));
            if (!dry)
            {
                Remove(dir);
            }
            result["exists"] = true;
            result["bytes"] = bytes;
            result["size"] = ByteSize.Format(bytes);
            result["removed"] = !dry;
            output.WriteResult(result, text =>
            {
                text.WriteLine($"cache directory: {dir}");
                text.WriteLine($"cache size: {ByteSize.Format(bytes)}");
                text.WriteLine(dry ? "dry run: nothing was removed" : "cache directory removed");
            });
            return 0;
        });
        return command;
    }

    /// <summary>Sum of file sizes; symbolic links count as themselves and are never followed.</summary>
    private static long FolderSize(DirectoryInfo folder)
    {
        long total = 0;
        foreach (FileSystemInfo entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }
            total += entry switch
            {
                FileInfo file => file.Length,
                DirectoryInfo sub => FolderSize(sub),
                _ => 0,
            };
        }
        return total;
    }

    /// <summary>
    /// A mistyped `--cache-dir /` or `--cache-dir ~` must not wipe a disk: refuse the filesystem root,
    /// the home folder and any folder that contains either.
    /// </summary>
    private static void RefuseDangerousFolder(string dir)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        string home = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));
        string root = Path.TrimEndingDirectorySeparator(Path.GetPathRoot(full) ?? "/");
        bool isRoot = full.Length == 0 || string.Equals(full, root, StringComparison.Ordinal) || full == "/";
        bool containsHome = home.Length > 0
            && (string.Equals(full, home, StringComparison.Ordinal) || home.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (isRoot || containsHome)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"refusing to remove {dir}: it is not a cache folder",
                "Give --cache-dir the cache folder itself, e.g. ~/.cache/imagedsl.");
        }
    }

    private static void Remove(string dir)
    {
        try
        {
            // Recursive delete removes symbolic links themselves, never what they point to.
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot remove the cache directory {dir}: {e.Message}",
                "Check its permissions, or that no build is using it, and run again.", e);
        }
    }
}
