using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageDsl.Assembling.Busybox;

/// <summary>
/// Reads the applet table format of `busybox-applets.txt` (described in that file's header): a full
/// list under `since 0.0.0`, then per later version only `+path` / `-path` changes. Anything that does
/// not fit is refused with the line at fault, so a bad edit fails the build's tests instead of making
/// wrong links.
/// </summary>
internal static partial class BusyboxAppletTableReader
{
    /// <summary>The most lines and characters a table may have (the real one has a few hundred lines).</summary>
    internal const int MaxLines = 10_000;

    private const int MaxLineLength = 256;

    /// <summary>Reads a table; the lists come back in ascending version order, each one whole.</summary>
    /// <param name="reader">The table's text.</param>
    /// <param name="source">The name that error messages give the table.</param>
    /// <exception cref="InvalidDataException">The text is not a valid table.</exception>
    public static IReadOnlyList<BusyboxAppletList> Read(TextReader reader, string source)
    {
        var lists = new List<BusyboxAppletList>();
        SortedSet<string>? current = null;
        Version? since = null;
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber > MaxLines)
            {
                throw Fail(source, lineNumber, $"more than {MaxLines} lines");
            }
            if (line.Length > MaxLineLength)
            {
                throw Fail(source, lineNumber, $"a line longer than {MaxLineLength} characters");
            }
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("since ", StringComparison.Ordinal))
            {
                Version next = ParseVersion(line["since ".Length..], source, lineNumber);
                if (since is null && next != new Version(0, 0, 0))
                {
                    throw Fail(source, lineNumber, "the first section must be 'since 0.0.0' (the whole list)");
                }
                if (since is not null)
                {
                    if (next <= since)
                    {
                        throw Fail(source, lineNumber, $"version {next} does not come after {since}");
                    }
                    lists.Add(Finish(since, current!, source, lineNumber));
                }
                since = next;
                current = current is null ? new SortedSet<string>(StringComparer.Ordinal) : new SortedSet<string>(current, StringComparer.Ordinal);
                continue;
            }
            if (current is null)
            {
                throw Fail(source, lineNumber, $"'{line}' comes before the first 'since' line");
            }
            bool first = lists.Count == 0;
            char change = line[0];
            if (!first && change is not ('+' or '-'))
            {
                throw Fail(source, lineNumber, $"'{line}': after the first section a line is '+path' or '-path'");
            }
            string path = first ? line : line[1..];
            if (!ValidPath().IsMatch(path) || path.Split('/').Any(segment => segment is "." or ".."))
            {
                throw Fail(source, lineNumber, $"'{path}' is not a relative path of plain names (letters, digits, '.', '_', '-', '[')");
            }
            if (first || change == '+')
            {
                if (!current.Add(path))
                {
                    throw Fail(source, lineNumber, $"'{path}' is already in the list");
                }
            }
            else if (!current.Remove(path))
            {
                throw Fail(source, lineNumber, $"'{path}' is not in the list, so it cannot be removed");
            }
        }
        if (since is null)
        {
            throw Fail(source, lineNumber, "no 'since' line: the table is empty");
        }
        lists.Add(Finish(since, current!, source, lineNumber));
        return lists;
    }

    private static BusyboxAppletList Finish(Version since, SortedSet<string> links, string source, int lineNumber) =>
        links.Count == 0 ? throw Fail(source, lineNumber, $"the list for busybox {since} is empty") : new BusyboxAppletList(since, [.. links]);

    private static Version ParseVersion(string text, string source, int lineNumber)
    {
        Match match = PlainVersion().Match(text);
        if (!match.Success)
        {
            throw Fail(source, lineNumber, $"'{text}' is not a version major.minor.patch");
        }
        return new Version(Number(match.Groups[1].Value), Number(match.Groups[2].Value), Number(match.Groups[3].Value));

        int Number(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw Fail(source, lineNumber, $"'{text}' has a number too large");
    }

    private static InvalidDataException Fail(string source, int lineNumber, string what) =>
        new($"{source} line {lineNumber}: {what}");

    [GeneratedRegex(@"^([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainVersion();

    // Applet names are short words; '[' and '[[' are applets too.
    [GeneratedRegex(@"^[A-Za-z0-9._\-\[]+(/[A-Za-z0-9._\-\[]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidPath();
}
