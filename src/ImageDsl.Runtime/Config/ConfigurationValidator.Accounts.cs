using System.Globalization;
using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

// accounts and paths.
public static partial class ConfigurationValidator
{
    private const uint MaxPermissions = 0xFFF; // 0o7777: setuid, setgid, sticky and rwx for all

    private static void ValidateAccounts(ImageAccounts? accounts, Context context)
    {
        if (accounts is null)
        {
            return;
        }
        var userNames = new HashSet<string>(StringComparer.Ordinal);
        var uids = new HashSet<uint>();
        for (int i = 0; i < accounts.Users.Count; i++)
        {
            UserAccount user = accounts.Users[i];
            string path = MemberPath.Item("Accounts.Users", i);
            string yaml = $"accounts.users[{i}]";
            if (user.UserName.Length == 0)
            {
                context.Report(DiagnosticCatalog.MissingField, path, yaml, "username");
            }
            else if (!userNames.Add(user.UserName))
            {
                context.Report(DiagnosticCatalog.DuplicateUser, path + ".UserName", $"'{user.UserName}'");
            }
            if (user.Uid is not { } uid)
            {
                context.Report(DiagnosticCatalog.MissingField, path, yaml, "uid");
            }
            else if (uid == 0)
            {
                context.Report(DiagnosticCatalog.UidZero, path + ".Uid", user.UserName);
            }
            else if (!uids.Add(uid))
            {
                context.Report(DiagnosticCatalog.DuplicateUser, path + ".Uid", $"with uid {uid}");
            }
            CheckAccountText(user.UserName, "user name", path + ".UserName", context);
            CheckAccountText(user.Shell, "shell", path + ".Shell", context, isName: false);
            CheckAccountText(user.HomeDir, "home directory", path + ".HomeDir", context, isName: false);
        }

        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        var gids = new HashSet<uint>();
        for (int i = 0; i < accounts.Groups.Count; i++)
        {
            GroupAccount group = accounts.Groups[i];
            string path = MemberPath.Item("Accounts.Groups", i);
            if (group.GroupName.Length == 0)
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"accounts.groups[{i}]", "groupname");
            }
            else if (!groupNames.Add(group.GroupName))
            {
                context.Report(DiagnosticCatalog.DuplicateGroup, path + ".GroupName", $"'{group.GroupName}'");
            }
            if (group.Gid is { } gid && !gids.Add(gid))
            {
                context.Report(DiagnosticCatalog.DuplicateGroup, path + ".Gid", $"with gid {gid}");
            }
            CheckAccountText(group.GroupName, "group name", path + ".GroupName", context);
            for (int j = 0; j < group.Members.Count; j++)
            {
                string member = group.Members[j];
                CheckAccountText(member, "group member", MemberPath.Item(path + ".Members", j), context);
                if (!userNames.Contains(member) && member != "root")
                {
                    context.Report(DiagnosticCatalog.UnknownGroupMember, MemberPath.Item(path + ".Members", j), group.GroupName, member);
                }
            }
        }

        if (accounts.RunAs is { } runAs)
        {
            // run-as is an OCI User: name, uid, or either followed by ":group".
            string user = runAs.Split(':')[0];
            bool numeric = uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (!numeric && !userNames.Contains(user) && user != "root")
            {
                context.Report(DiagnosticCatalog.UnknownRunAs, "Accounts.RunAs", runAs);
            }
        }
    }

    // These end up in /etc/passwd and /etc/group: lines of ':'-separated fields, group members ','-separated.
    // A name holding a separator or a line break would forge fields or whole accounts (another uid 0 user).
    private static void CheckAccountText(string? text, string what, string path, Context context, bool isName = true)
    {
        if (text is null)
        {
            return;
        }
        bool separator = text.Contains(':') || (isName && text.Contains(','));
        if (separator || text.Any(char.IsControl))
        {
            string printable = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
            context.Add(DiagnosticCatalog.InvalidValue, path,
                $"the {what} '{printable}' must not contain {(isName ? "':', ','" : "':'")} or a control character (a line break)");
        }
    }

    private static void ValidatePaths(ValueList<PathMutation> paths, Context context)
    {
        for (int i = 0; i < paths.Count; i++)
        {
            PathMutation mutation = paths[i];
            string path = MemberPath.Item("Paths", i);
            if (mutation.Path.Length == 0)
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"paths[{i}]", "path");
            }
            if (mutation.Type is PathMutationType.Symlink or PathMutationType.Hardlink && string.IsNullOrEmpty(mutation.Source))
            {
                context.Report(DiagnosticCatalog.LinkWithoutSource, path, PathMutation.TypeName(mutation.Type), mutation.Path);
            }
            if (mutation.Permissions is { } permissions && permissions > MaxPermissions)
            {
                context.Add(DiagnosticCatalog.BadPermissions, path + ".Permissions",
                    $"permissions {ImageRules.FormatOctal(permissions)} ({permissions}) are not file permissions: the largest is 0o7777");
            }
        }
    }
}
