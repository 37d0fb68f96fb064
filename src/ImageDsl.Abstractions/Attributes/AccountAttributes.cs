namespace ImageDsl;

/// <summary>A user account written to <c>/etc/passwd</c> (apko <c>accounts.users</c>).</summary>
/// <remarks>
/// <see cref="Uid"/> is required and must not be 0 (to run as root, declare no user and use
/// <c>[RunAs("0")]</c>). Unset numbers are <see cref="Unset.Id"/> (-1), because attribute properties
/// cannot be nullable.
/// </remarks>
/// <example><code>[User("nginx", Uid = 10000, Gid = 10000, Home = "/var/lib/nginx")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UserAttribute : Attribute
{
    /// <summary>Declares the user <paramref name="name"/>.</summary>
    public UserAttribute(string name) => Name = name;

    /// <summary>The user name (apko <c>username</c>).</summary>
    public string Name { get; }

    /// <summary>The uid (required; 1..4294967295).</summary>
    public long Uid { get; set; } = Unset.Id;

    /// <summary>The primary gid; unset (-1) means "the same as the uid". 0 is allowed.</summary>
    public long Gid { get; set; } = Unset.Id;

    /// <summary>The login shell; null means <c>/bin/sh</c>.</summary>
    public string? Shell { get; set; }

    /// <summary>The home directory (apko <c>homedir</c>); null means <c>/home/&lt;name&gt;</c>.</summary>
    public string? Home { get; set; }
}

/// <summary>A group written to <c>/etc/group</c> (apko <c>accounts.groups</c>).</summary>
/// <example><code>[Group("www", Gid = 10000, Members = ["nginx"])]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GroupAttribute : Attribute
{
    /// <summary>Declares the group <paramref name="name"/>.</summary>
    public GroupAttribute(string name) => Name = name;

    /// <summary>The group name (apko <c>groupname</c>).</summary>
    public string Name { get; }

    /// <summary>The gid; unset is <see cref="Unset.Id"/> (-1).</summary>
    public long Gid { get; set; } = Unset.Id;

    /// <summary>The member user names.</summary>
    public string[] Members { get; set; } = [];
}

/// <summary>The user the image runs as (apko <c>accounts.run-as</c>): a declared user's name or a uid.</summary>
/// <example><code>[RunAs("nginx")]
/// [RunAs(65532)]
/// [RunAs("0")]   // root</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RunAsAttribute : Attribute
{
    /// <summary>Runs as a user name or a uid given as text.</summary>
    public RunAsAttribute(string user) => User = user;

    /// <summary>Runs as a numeric uid.</summary>
    public RunAsAttribute(long uid) => User = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The user name or uid, as apko writes it to the OCI <c>User</c> field.</summary>
    public string User { get; }
}
