using System.Collections.Concurrent;

namespace ImageDsl.Apk.Versions;

/// <summary>
/// A dependency, provide, install_if entry or world entry: `name`, `name&gt;=1.2`, `name=1.2@tag`,
/// `!name`, `so:libc.musl-aarch64.so.1`. Parsed as apko's <c>ResolvePackageNameVersionPin</c> does.
/// </summary>
public sealed class PackageConstraint : IEquatable<PackageConstraint>
{
    private static readonly ConcurrentDictionary<string, PackageConstraint> Cache = new(StringComparer.Ordinal);

    private PackageConstraint(string text, string name, VersionConstraint version, string? pin, bool conflict)
    {
        Text = text;
        Name = name;
        Version = version;
        Pin = pin;
        IsConflict = conflict;
    }

    /// <summary>The text as written (before the `so:` rewrite).</summary>
    public string Text { get; }

    /// <summary>The package or virtual name.</summary>
    public string Name { get; }

    /// <summary>The version requirement (<see cref="VersionConstraint.Any"/> when none).</summary>
    public VersionConstraint Version { get; }

    /// <summary>The repository tag after `@`, or null.</summary>
    public string? Pin { get; }

    /// <summary>True for `!name`: whatever provides the name must not be installed.</summary>
    public bool IsConflict { get; }

    /// <summary>
    /// Parses like apko: never fails (text that is not a constraint becomes a name), and for `so:` names
    /// whose `=` version does not end in `-rN` the version becomes `0.&lt;ver&gt;` (melange#1871).
    /// Results are shared: the same text yields the same instance.
    /// </summary>
    public static PackageConstraint Parse(string text) => Cache.GetOrAdd(text, ParseUncached);

    /// <summary>Parses without the shared cache (index parsing pools constraints per index instead, so the cache does not grow with every index read).</summary>
    internal static PackageConstraint ParseUncached(string text)
    {
        bool conflict = text.StartsWith('!');
        string rest = conflict ? text[1..] : text;
        rest = RewriteSharedLibraryVersion(rest);
        // ^([^@=><~]+)(([=><~]+)([^@]+))?(@([a-zA-Z0-9]+))?$
        int nameEnd = rest.AsSpan().IndexOfAny("@=><~");
        if (nameEnd == 0)
        {
            return new PackageConstraint(text, rest, VersionConstraint.Any, null, conflict);
        }
        if (nameEnd < 0)
        {
            return new PackageConstraint(text, rest, VersionConstraint.Any, null, conflict);
        }
        string name = rest[..nameEnd];
        int i = nameEnd;
        int opStart = i;
        while (i < rest.Length && rest[i] is '=' or '>' or '<' or '~')
        {
            i++;
        }
        string op = rest[opStart..i];
        int at = rest.IndexOf('@', i);
        string version = at < 0 ? rest[i..] : rest[i..at];
        string? pin = at < 0 ? null : rest[(at + 1)..];
        bool valid = (op.Length == 0) == (version.Length == 0)
            && (pin is null || (pin.Length > 0 && pin.All(char.IsAsciiLetterOrDigit)));
        if (!valid)
        {
            return new PackageConstraint(text, rest, VersionConstraint.Any, null, conflict);
        }
        VersionConstraint constraint = op.Length == 0 ? VersionConstraint.Any : VersionConstraint.Create(op, version);
        return new PackageConstraint(text, name, constraint, pin, conflict);
    }

    private static string RewriteSharedLibraryVersion(string text)
    {
        if (!text.StartsWith("so:", StringComparison.Ordinal))
        {
            return text;
        }
        int eq = text.IndexOf('=');
        if (eq < 0 || EndsWithRevision(text.AsSpan(eq + 1)))
        {
            return text;
        }
        return string.Concat(text.AsSpan(0, eq), "=0.", text.AsSpan(eq + 1));
    }

    private static bool EndsWithRevision(ReadOnlySpan<char> version)
    {
        int i = version.Length;
        while (i > 0 && char.IsAsciiDigit(version[i - 1]))
        {
            i--;
        }
        return i < version.Length && i >= 2 && version[i - 2] == '-' && version[i - 1] == 'r';
    }

    /// <summary>True when <paramref name="version"/> satisfies the version part.</summary>
    public bool IsSatisfiedBy(ApkVersion? version) => Version.IsSatisfiedBy(version);

    /// <inheritdoc />
    public bool Equals(PackageConstraint? other) => other is not null && other.Text == Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PackageConstraint c && Equals(c);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The text as written.</summary>
    public override string ToString() => Text;
}
