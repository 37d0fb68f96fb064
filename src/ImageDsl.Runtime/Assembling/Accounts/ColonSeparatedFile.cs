using ImageDsl.Errors;

namespace ImageDsl.Assembling.Accounts;

/// <summary>The shared shape of `/etc/passwd` and `/etc/group`: one record a line, ':'-separated fields.</summary>
internal static class ColonSeparatedFile
{
    /// <summary>
    /// The non-blank lines of <paramref name="text"/> split into fields; a line whose field count differs, or
    /// that <paramref name="accept"/> rejects, is an error naming the file and line.
    /// </summary>
    public static IEnumerable<string[]> Records(string text, string path, int fieldCount, Func<string[], bool> accept, string expectation)
    {
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] fields = line.Split(':');
            if (fields.Length != fieldCount || !accept(fields))
            {
                // The line comes from a package or a base image: escaped and cut, so it cannot drive the terminal or flood it.
                string shown = ImageDsl.Apk.Packages.EntryLimits.Printable(line.Length > 200 ? line[..200] + "..." : line);
                throw new ImageDslException(ErrorKind.Build, $"{path}:{lineNumber}: malformed line '{shown}'",
                    $"A package or the base image installed a file that cannot be parsed ({expectation}).");
            }
            yield return fields;
        }
    }
}
