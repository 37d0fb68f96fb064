using ImageDsl.Errors;

namespace ImageDsl.Oci;

/// <summary>
/// Writes an output file or folder under a temporary name beside it and renames it into place at
/// the end, so a failure (or a crash) never leaves a partial output where the user expects one.
/// </summary>
internal static class AtomicOutput
{
    public static void WriteFile(string path, Action<FileStream> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = Temporary(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temporary);
            throw Wrap(e, full);
        }
    }

    public static void WriteDirectory(string path, Action<string> write)
    {
        // `out/` is the folder out: its temporary sibling must not land inside it.
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string temporary = Temporary(full);
        try
        {
            Directory.CreateDirectory(temporary);
            write(temporary);
            if (Directory.Exists(full))
            {
                string old = Temporary(full) + ".old";
                Directory.Move(full, old);
                try
                {
                    Directory.Move(temporary, full);
                }
                catch
                {
                    Directory.Move(old, full);
                    throw;
                }
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temporary, full);
            }
        }
        catch (Exception e)
        {
            TryDelete(temporary);
            throw Wrap(e, full);
        }
    }

    private static string Temporary(string full)
    {
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write '{full}': the folder '{directory}' does not exist",
                "create the folder or choose another output path");
        }
        return Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Exception Wrap(Exception e, string full) => e switch
    {
        ImageDslException or OperationCanceledException => e,
        IOException or UnauthorizedAccessException => new ImageDslException(ErrorKind.Output,
            $"cannot write '{full}': {e.Message}", "check the path, free space and permissions", e),
        _ => e,
    };
}
