using System.Globalization;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Accounts;

/// <summary>
/// Applies `accounts:` to the image's account files the way apko does: groups and users are
/// appended (no merge with existing names), passwd always exists, shadow gets a locked entry per
/// configured user, and run-as naming a user becomes its uid.
/// </summary>
public static class AccountsWriter
{
    /// <summary>The GECOS text apko writes; kept identical so images compare equal across tools.</summary>
    public const string Gecos = "Account created by apko";

    /// <summary>Computes the new account files from the existing ones and the configuration.</summary>
    public static AccountChanges Apply(AccountFiles existing, ImageAccounts? accounts)
    {
        accounts ??= new ImageAccounts();
        string? group = existing.Group;
        if (!accounts.Groups.IsEmpty)
        {
            var groups = GroupEntry.ParseFile(existing.Group ?? "", "/etc/group");
            groups.AddRange(accounts.Groups.Select(g => new GroupEntry(g.GroupName, "x", g.Gid ?? 0, g.Members.ToList())));
            group = Lines(groups);
        }

        var passwd = PasswdEntry.ParseFile(existing.Passwd ?? "", "/etc/passwd");
        foreach (UserAccount user in accounts.Users)
        {
            uint uid = user.Uid ?? 0;
            passwd.Add(new PasswdEntry(user.UserName, "x", uid, user.Gid ?? uid, Gecos,
                user.HomeDir ?? "/home/" + user.UserName, user.Shell ?? "/bin/sh"));
        }

        string? shadow = existing.Shadow;
        if (!accounts.Users.IsEmpty)
        {
            var lines = (existing.Shadow ?? "").Split('\n').Where(l => l.Length > 0).ToList();
            lines.AddRange(accounts.Users.Select(u => $"{u.UserName}:!:::::::"));
            shadow = string.Concat(lines.Select(l => l + "\n"));
        }

        var homes = passwd
            .Where(p => p.Home.Length > 0 && p.Home != "/dev/null" && p.Home != "/")
            .Select(p => new HomeDirectory(p.Home, p.Uid, p.Gid))
            .ToList();

        string? runAs = accounts.RunAs;
        PasswdEntry? named = runAs is null ? null : passwd.LastOrDefault(p => p.Name == runAs);
        if (named is not null)
        {
            runAs = named.Uid.ToString(CultureInfo.InvariantCulture);
        }
        return new AccountChanges(new AccountFiles(Lines(passwd), group, shadow), homes, runAs);
    }

    private static string Lines<T>(IEnumerable<T> entries) where T : notnull =>
        string.Concat(entries.Select(e => e.ToString() + "\n"));
}
