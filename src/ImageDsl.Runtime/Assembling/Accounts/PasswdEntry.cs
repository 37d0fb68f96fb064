using System.Globalization;

namespace ImageDsl.Assembling.Accounts;

/// <summary>A line of `/etc/passwd`: `name:x:uid:gid:gecos:home:shell`.</summary>
public sealed record PasswdEntry(string Name, string Password, uint Uid, uint Gid, string Gecos, string Home, string Shell)
{
    /// <summary>The line as written (no newline).</summary>
    public override string ToString() =>
        string.Join(':', Name, Password, Uid.ToString(CultureInfo.InvariantCulture), Gid.ToString(CultureInfo.InvariantCulture), Gecos, Home, Shell);

    /// <summary>Parses the file strictly (7 fields a line), as apko does; blank lines are skipped.</summary>
    public static List<PasswdEntry> ParseFile(string text, string path) =>
        ColonSeparatedFile.Records(text, path, 7, f => IsId(f[2]) && IsId(f[3]), "7 ':'-separated fields, numeric uid and gid")
            .Select(f => new PasswdEntry(f[0], f[1], uint.Parse(f[2], CultureInfo.InvariantCulture), uint.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6]))
            .ToList();

    internal static bool IsId(string text) => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
