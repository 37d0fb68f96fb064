using System.Globalization;

namespace ImageDsl.Testing.Running;

/// <summary>Who a command runs as and where: the image configuration's user, work dir and environment, as a container runtime reads them.</summary>
internal sealed record RunIdentity(int Uid, int Gid, string WorkingDirectory, IReadOnlyList<KeyValuePair<string, string>> Environment)
{
    /// <summary>What runc and docker add when the image does not set PATH.</summary>
    internal const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    internal static RunIdentity Of(ImageRuntimeConfig config, IReadOnlyList<ImageUser> users, IReadOnlyList<ImageGroup> groups)
    {
        // `user`, `uid`, `user:group` or `uid:gid`; empty is root.
        string user = config.User ?? "";
        string? group = null;
        if (user.IndexOf(':') is var colon and >= 0)
        {
            group = user[(colon + 1)..];
            user = user[..colon];
        }
        ImageUser? account = null;
        int uid = 0;
        if (user.Length > 0)
        {
            if (int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
            {
                account = users.FirstOrDefault(u => u.Uid == uid);
            }
            else
            {
                account = users.FirstOrDefault(u => u.Name == user)
                    ?? throw new InvalidOperationException($"the image runs as user '{user}', which its /etc/passwd does not list");
                uid = account.Uid;
            }
        }
        int gid = account?.Gid ?? 0;
        if (!string.IsNullOrEmpty(group))
        {
            gid = int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
                ? number
                : groups.FirstOrDefault(g => g.Name == group)?.Gid
                    ?? throw new InvalidOperationException($"the image runs as group '{group}', which its /etc/group does not list");
        }

        var environment = config.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (!config.Environment.ContainsKey("PATH"))
        {
            environment.Add(new("PATH", DefaultPath));
        }
        if (!config.Environment.ContainsKey("HOME"))
        {
            environment.Add(new("HOME", account?.Home is { Length: > 0 } home ? home : "/"));
        }
        string workingDirectory = string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir;
        return new RunIdentity(uid, gid, workingDirectory, environment);
    }
}
