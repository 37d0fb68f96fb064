namespace ImageDsl.Config;

/// <summary>Where a configuration value was written: a file (or a C# member path) and a 1-based line and column.</summary>
/// <param name="File">The file as the user named it, or a member path such as `HelloImage.Contents.Packages[0]`.</param>
/// <param name="Line">1-based line; 0 when the origin has no lines (C#, command line).</param>
/// <param name="Column">1-based column; 0 when the origin has no columns.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}({Line},{Column})";
}

/// <summary>
/// Maps a member path of <see cref="Model.ImageConfiguration"/> (see <see cref="MemberPath"/>) to the place the
/// value came from, so validation findings point at the offending value.
/// </summary>
public interface IConfigurationLocator
{
    /// <summary>The location of the value at <paramref name="memberPath"/>, or of its nearest located parent.</summary>
    SourceLocation Locate(string memberPath);
}

/// <summary>
/// A locator for configurations built in code: the "file" is the type name plus the member path
/// (e.g. `HelloImage.Accounts.Users[0].Uid`) and line and column are 0.
/// </summary>
public sealed class MemberPathLocator : IConfigurationLocator
{
    private readonly string _typeName;

    /// <summary>Creates a locator that prefixes every member path with <paramref name="typeName"/>.</summary>
    public MemberPathLocator(string typeName) => _typeName = typeName;

    /// <inheritdoc />
    public SourceLocation Locate(string memberPath) =>
        new(memberPath.Length == 0 ? _typeName : _typeName + "." + memberPath, 0, 0);
}
