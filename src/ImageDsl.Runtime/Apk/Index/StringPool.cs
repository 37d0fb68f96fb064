using System.Text;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Apk.Index;

/// <summary>
/// Turns UTF-8 field values into shared strings and shared constraints while an index is parsed:
/// origins, arches, licences, maintainers and dependency names repeat thousands of times.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PackageConstraint> _constraints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _stringLookup;
    private readonly Dictionary<string, PackageConstraint>.AlternateLookup<ReadOnlySpan<char>> _constraintLookup;
    private char[] _chars = new char[1024];

    public StringPool()
    {
        _stringLookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _constraintLookup = _constraints.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A fresh (not pooled) string: for values that rarely repeat, such as descriptions.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>A pooled string equal to the decoded bytes.</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<char> chars = Chars(utf8);
        if (_stringLookup.TryGetValue(chars, out string? existing))
        {
            return existing;
        }
        string value = chars.ToString();
        _strings.Add(value, value);
        return value;
    }

    /// <summary>A shared constraint for the decoded bytes (`so:libc.musl-aarch64.so.1` appears in most records).</summary>
    public PackageConstraint Constraint(ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<char> chars = Chars(utf8);
        if (_constraintLookup.TryGetValue(chars, out PackageConstraint? existing))
        {
            return existing;
        }
        PackageConstraint parsed = PackageConstraint.ParseUncached(chars.ToString());
        _constraints.Add(parsed.Text, parsed);
        return parsed;
    }

    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        int max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (_chars.Length < max)
        {
            _chars = new char[Math.Max(max, _chars.Length * 2)];
        }
        int n = Encoding.UTF8.GetChars(utf8, _chars);
        return _chars.AsSpan(0, n);
    }
}
