using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Projects;

/// <summary>Writes a text output (C# source, apko.yaml) under a temporary name and renames it into place, so a failure leaves no half-written file.</summary>
internal static class TextFileOutput
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write '{path}': the folder '{directory}' does not exist",
                "Create the folder or choose another output path.");
        }
        if (Directory.Exists(full))
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write '{path}': it is a folder", "Give a file name.");
        }
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temporary, text, Utf8);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write '{path}': {error.Message}", "Check the path and its permissions.", error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
