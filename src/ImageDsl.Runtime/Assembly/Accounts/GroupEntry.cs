using System.Globalization;
using ImageDsl.Errors;

namespace ImageDsl.Assembly.Accounts;

/// <summary>A line of `/etc/group`: `name:x:gid:member,member`.</summary>
public sealed record GroupEntry(string Name, string Password, uint Gid, IReadOnlyList<string> Members)
{
    /// <summary>The line as written (no newline).</summary>
    public override string ToString() =>
        string.Join(':', Name, Password, Gid.ToString(CultureInfo.InvariantCulture), string.Join(',', Members));

    /// <summary>Parses the file strictly (4 fields a line); blank lines are skipped.</summary>
    public static List<GroupEntry> ParseFile(string text, string path)
    {
        var result = new List<GroupEntry>();
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] f = line.Split(':');
            if (f.Length != 4 || !uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
            {
                throw new ImageDslException(ErrorKind.Build, $"{path}:{lineNumber}: malformed group line '{line}'",
                    "A package installed a group file that cannot be parsed (4 ':'-separated fields, numeric gid).");
            }
            string[] members = f[3].Length == 0 ? [] : f[3].Split(',');
            result.Add(new GroupEntry(f[0], f[1], gid, members));
        }
        return result;
    }
}
