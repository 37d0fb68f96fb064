namespace ImageDsl;

/// <summary>
/// The settings every <c>paths</c> entry shares (apko <c>PathMutation</c>). Entries are applied in
/// the order their attributes are written.
/// </summary>
/// <remarks>
/// <see cref="Mode"/> is octal text (<c>"0755"</c> or <c>"0o755"</c>) because C# has no octal literals.
/// <see cref="Uid"/>/<see cref="Gid"/> unset (<see cref="Unset.Id"/>, -1) on both leaves ownership
/// untouched; setting one makes the other 0, as in apko.
/// </remarks>
public abstract class PathMutationAttribute : Attribute
{
    /// <summary>Declares an entry for <paramref name="path"/>.</summary>
    protected PathMutationAttribute(string path) => Path = path;

    /// <summary>The path inside the image.</summary>
    public string Path { get; }

    /// <summary>Octal permissions such as <c>"0755"</c>; null leaves them as apko's default.</summary>
    public string? Mode { get; set; }

    /// <summary>The owner uid; <see cref="Unset.Id"/> (-1) when not given.</summary>
    public long Uid { get; set; } = Unset.Id;

    /// <summary>The owner gid; <see cref="Unset.Id"/> (-1) when not given.</summary>
    public long Gid { get; set; } = Unset.Id;

    /// <summary>Applies to everything below the path (directory and permissions entries).</summary>
    public bool Recursive { get; set; }

    /// <summary>The link target. Symlinks and hardlinks need one; other kinds ignore it.</summary>
    public string? Source { get; set; }
}

/// <summary>Creates a directory (apko <c>type: directory</c>).</summary>
/// <example><code>[Directory("/var/lib/app", Mode = "0750", Uid = 10000, Gid = 10000)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DirectoryAttribute : PathMutationAttribute
{
    /// <summary>Creates the directory <paramref name="path"/>.</summary>
    public DirectoryAttribute(string path)
        : base(path)
    {
    }
}

/// <summary>Creates an empty file (apko <c>type: empty-file</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmptyFileAttribute : PathMutationAttribute
{
    /// <summary>Creates the empty file <paramref name="path"/>.</summary>
    public EmptyFileAttribute(string path)
        : base(path)
    {
    }
}

/// <summary>Creates a symbolic link at a path pointing to a source (apko <c>type: symlink</c>).</summary>
/// <example><code>[Symlink("/usr/bin/python", "/usr/bin/python3")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SymlinkAttribute : PathMutationAttribute
{
    /// <summary>Creates the link <paramref name="path"/> → <paramref name="source"/>.</summary>
    public SymlinkAttribute(string path, string source)
        : base(path) => Source = source;
}

/// <summary>Creates a hard link at a path to an existing file (apko <c>type: hardlink</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HardlinkAttribute : PathMutationAttribute
{
    /// <summary>Creates the hard link <paramref name="path"/> to <paramref name="source"/>.</summary>
    public HardlinkAttribute(string path, string source)
        : base(path) => Source = source;
}

/// <summary>Changes the permissions and/or owner of an existing path (apko <c>type: permissions</c>).</summary>
/// <example><code>[Permissions("/etc/app", Mode = "0640", Recursive = true)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PermissionsAttribute : PathMutationAttribute
{
    /// <summary>Changes <paramref name="path"/>.</summary>
    public PermissionsAttribute(string path)
        : base(path)
    {
    }
}
