using ImageDsl.Diagnostics;
using ImageDsl.Model;

namespace ImageDsl.Config;

// contents, entrypoint, accounts and paths.
internal sealed partial class ConfigurationBinder
{
    private static readonly string[] ContentsKeys =
        ["build_repositories", "runtime_repositories", "repositories", "keyring", "runtime_keyring", "packages", "baseimage", "local"];
    private static readonly string[] LocalKeys = ["path", "to", "name", "version", "arch", "owner"];

    private static readonly string[] EntrypointKeys = ["type", "command", "shell-fragment", "services"];
    private static readonly string[] AccountsKeys = ["run-as", "users", "groups"];
    private static readonly string[] UserKeys = ["username", "uid", "gid", "shell", "homedir"];
    private static readonly string[] GroupKeys = ["groupname", "gid", "members"];
    private static readonly string[] PathKeys = ["path", "type", "uid", "gid", "permissions", "source", "recursive"];

    private ImageContents BindContents(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, ContentsKeys, yamlPath);
        if (f is null)
        {
            return new ImageContents();
        }
        return new ImageContents
        {
            BuildRepositories = Repositories(f.Get("build_repositories"), yamlPath + ".build_repositories", memberPath + ".BuildRepositories"),
            RuntimeRepositories = Repositories(f.Get("runtime_repositories"), yamlPath + ".runtime_repositories", memberPath + ".RuntimeRepositories"),
            Repositories = Repositories(f.Get("repositories"), yamlPath + ".repositories", memberPath + ".Repositories"),
            Keyring = TextList(f.Get("keyring"), yamlPath + ".keyring", memberPath + ".Keyring"),
            RuntimeKeyring = List(f.Get("runtime_keyring"), yamlPath + ".runtime_keyring", memberPath + ".RuntimeKeyring", (item, y, m) =>
            {
                var entry = Fields(item, y, m, ["name", "content"], y);
                return entry is null
                    ? null
                    : new RuntimeKey(
                        Text(entry.Get("name"), y + ".name", m + ".Name") ?? "",
                        Text(entry.Get("content"), y + ".content", m + ".Content") ?? "");
            }),
            Packages = TextList(f.Get("packages"), yamlPath + ".packages", memberPath + ".Packages"),
            BaseImage = BindBaseImage(f.Get("baseimage"), yamlPath + ".baseimage", memberPath + ".BaseImage"),
            Local = List(f.Get("local"), yamlPath + ".local", memberPath + ".Local", BindLocal),
        };
    }

    // ImageDsl's own `contents.local`; absent fields keep the model's defaults.
    private LocalContent? BindLocal(YamlTreeNode node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, LocalKeys, yamlPath);
        if (f is null)
        {
            return null;
        }
        var defaults = new LocalContent();
        return new LocalContent
        {
            Path = Text(f.Get("path"), yamlPath + ".path", memberPath + ".Path") ?? "",
            To = Text(f.Get("to"), yamlPath + ".to", memberPath + ".To") ?? defaults.To,
            Name = Text(f.Get("name"), yamlPath + ".name", memberPath + ".Name") ?? "",
            Version = Text(f.Get("version"), yamlPath + ".version", memberPath + ".Version") ?? defaults.Version,
            Arch = Text(f.Get("arch"), yamlPath + ".arch", memberPath + ".Arch") ?? defaults.Arch,
            Owner = Text(f.Get("owner"), yamlPath + ".owner", memberPath + ".Owner") ?? defaults.Owner,
        };
    }

    // apko trims trailing slashes from repository strings after parsing.
    private ValueList<string> Repositories(YamlTreeNode? node, string yamlPath, string memberPath) =>
        TextList(node, yamlPath, memberPath).Select(r => r.TrimEnd('/')).ToValueList();

    private BaseImage? BindBaseImage(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        // `ref` is ImageDsl's own (a registry reference); `image` and `apkindex` are apko's.
        var f = Fields(node, yamlPath, memberPath, ["image", "ref", "apkindex"], yamlPath);
        return f is null
            ? null
            : new BaseImage(
                Text(f.Get("image"), yamlPath + ".image", memberPath + ".Image"),
                Text(f.Get("apkindex"), yamlPath + ".apkindex", memberPath + ".ApkIndex"))
            {
                Reference = Text(f.Get("ref"), yamlPath + ".ref", memberPath + ".Reference"),
            };
    }

    private ImageEntrypoint? BindEntrypoint(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, EntrypointKeys, yamlPath);
        if (f is null)
        {
            return null;
        }
        var entrypoint = new ImageEntrypoint
        {
            Type = Text(f.Get("type"), yamlPath + ".type", memberPath + ".Type"),
            Command = Text(f.Get("command"), yamlPath + ".command", memberPath + ".Command"),
            ShellFragment = Text(f.Get("shell-fragment"), yamlPath + ".shell-fragment", memberPath + ".ShellFragment"),
            Services = TextMap(f.Get("services"), yamlPath + ".services", memberPath + ".Services"),
        };
        // apko's entrypoint is a value struct: an empty one is the same as none.
        return entrypoint == new ImageEntrypoint() ? null : entrypoint;
    }

    private ImageAccounts? BindAccounts(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, AccountsKeys, yamlPath);
        if (f is null)
        {
            return null;
        }
        var accounts = new ImageAccounts
        {
            RunAs = Text(f.Get("run-as"), yamlPath + ".run-as", memberPath + ".RunAs"),
            Users = List(f.Get("users"), yamlPath + ".users", memberPath + ".Users", BindUser),
            Groups = List(f.Get("groups"), yamlPath + ".groups", memberPath + ".Groups", BindGroup),
        };
        return accounts == new ImageAccounts() ? null : accounts;
    }

    private UserAccount? BindUser(YamlTreeNode node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, UserKeys, yamlPath);
        return f is null
            ? null
            : new UserAccount
            {
                UserName = Text(f.Get("username"), yamlPath + ".username", memberPath + ".UserName") ?? "",
                Uid = UnsignedId(f.Get("uid"), yamlPath + ".uid", memberPath + ".Uid"),
                Gid = UnsignedId(f.Get("gid"), yamlPath + ".gid", memberPath + ".Gid"),
                Shell = Text(f.Get("shell"), yamlPath + ".shell", memberPath + ".Shell"),
                HomeDir = Text(f.Get("homedir"), yamlPath + ".homedir", memberPath + ".HomeDir"),
            };
    }

    private GroupAccount? BindGroup(YamlTreeNode node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, GroupKeys, yamlPath);
        return f is null
            ? null
            : new GroupAccount
            {
                GroupName = Text(f.Get("groupname"), yamlPath + ".groupname", memberPath + ".GroupName") ?? "",
                Gid = UnsignedId(f.Get("gid"), yamlPath + ".gid", memberPath + ".Gid"),
                Members = TextList(f.Get("members"), yamlPath + ".members", memberPath + ".Members"),
            };
    }

    private PathMutation? BindPath(YamlTreeNode node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, PathKeys, yamlPath);
        if (f is null)
        {
            return null;
        }
        YamlTreeNode? typeNode = f.Get("type");
        string? typeName = Text(typeNode, yamlPath + ".type", memberPath + ".Type");
        PathMutationType type = default;
        if (typeName is null)
        {
            _diagnostics.Report(DiagnosticCatalog.MissingField, typeNode?.Location ?? node.Location, yamlPath, "type");
        }
        else if (!PathMutation.TryParseType(typeName, out type))
        {
            _diagnostics.Report(DiagnosticCatalog.BadPathType, typeNode!.Location, typeName);
        }
        return new PathMutation
        {
            Path = Text(f.Get("path"), yamlPath + ".path", memberPath + ".Path") ?? "",
            Type = type,
            Uid = UnsignedId(f.Get("uid"), yamlPath + ".uid", memberPath + ".Uid"),
            Gid = UnsignedId(f.Get("gid"), yamlPath + ".gid", memberPath + ".Gid"),
            Permissions = (uint?)Integer(f.Get("permissions"), yamlPath + ".permissions", memberPath + ".Permissions",
                0, uint.MaxValue, DiagnosticCatalog.BadPermissions),
            Source = Text(f.Get("source"), yamlPath + ".source", memberPath + ".Source"),
            Recursive = Boolean(f.Get("recursive"), yamlPath + ".recursive", memberPath + ".Recursive") ?? false,
        };
    }
}
