using System.Globalization;

namespace ImageDsl.Assembling.Accounts;

/// <summary>A line of `/etc/group`: `name:x:gid:member,member`.</summary>
public sealed record GroupEntry(string Name, string Password, uint Gid, IReadOnlyList<string> Members)
{
    /// <summary>The line as written (no newline).</summary>
    public override string ToString() =>
        string.Join(':', Name, Password, Gid.ToString(CultureInfo.InvariantCulture), string.Join(',', Members));

    /// <summary>Parses the file strictly (4 fields a line); blank lines are skipped.</summary>
    public static List<GroupEntry> ParseFile(string text, string path) =>
        ColonSeparatedFile.Records(text, path, 4, f => PasswdEntry.IsId(f[2]), "4 ':'-separated fields, numeric gid")
            .Select(f => new GroupEntry(f[0], f[1], uint.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? [] : f[3].Split(',')))
            .ToList();
}
