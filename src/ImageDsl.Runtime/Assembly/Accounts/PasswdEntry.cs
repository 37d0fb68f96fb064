using System.Globalization;
using ImageDsl.Errors;

namespace ImageDsl.Assembly.Accounts;

/// <summary>A line of `/etc/passwd`: `name:x:uid:gid:gecos:home:shell`.</summary>
public sealed record PasswdEntry(string Name, string Password, uint Uid, uint Gid, string Gecos, string Home, string Shell)
{
    /// <summary>The line as written (no newline).</summary>
    public override string ToString() =>
        string.Join(':', Name, Password, Uid.ToString(CultureInfo.InvariantCulture), Gid.ToString(CultureInfo.InvariantCulture), Gecos, Home, Shell);

    /// <summary>Parses the file strictly (7 fields a line), as apko does; blank lines are skipped.</summary>
    public static List<PasswdEntry> ParseFile(string text, string path)
    {
        var result = new List<PasswdEntry>();
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] f = line.Split(':');
            if (f.Length != 7 || !uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid)
                || !uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
            {
                throw new ImageDslException(ErrorKind.Build, $"{path}:{lineNumber}: malformed passwd line '{line}'",
                    "A package installed a passwd file apko-style tools cannot parse (7 ':'-separated fields, numeric uid and gid).");
            }
            result.Add(new PasswdEntry(f[0], f[1], uid, gid, f[4], f[5], f[6]));
        }
        return result;
    }
}
