namespace ImageDsl.Assembling.Accounts;

/// <summary>The account files of an image, as text; null when the file does not exist.</summary>
public sealed record AccountFiles(string? Passwd, string? Group, string? Shadow);

/// <summary>A home directory the build must create, owned by its user.</summary>
public sealed record HomeDirectory(string Path, uint Uid, uint Gid);

/// <summary>What applying the configured accounts produced.</summary>
/// <param name="Files">The new file contents (Group/Shadow stay null when nothing asked for them).</param>
/// <param name="HomeDirectories">Home directories to create if they do not exist (mode 0700).</param>
/// <param name="RunAs">run-as with a user name replaced by its decimal uid, or as given.</param>
public sealed record AccountChanges(AccountFiles Files, IReadOnlyList<HomeDirectory> HomeDirectories, string? RunAs);
