using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>apko's rules and ours, each finding located at the offending value.</summary>
public class ValidationTests
{
    private static string WithValid(string yaml) => ConfigAssert.Valid + "\n" + yaml;

    [Theory]
    [InlineData("accounts:\n  users:\n    - uid: 10\n", "IMG0027", 8, 7, "accounts.users[0] is missing the required field 'username'")]
    [InlineData("accounts:\n  users:\n    - username: a\n", "IMG0027", 8, 7, "accounts.users[0] is missing the required field 'uid'")]
    [InlineData("accounts:\n  groups:\n    - gid: 10\n", "IMG0027", 8, 7, "accounts.groups[0] is missing the required field 'groupname'")]
    [InlineData("paths:\n  - type: directory\n", "IMG0027", 7, 5, "paths[0] is missing the required field 'path'")]
    [InlineData("accounts:\n  users:\n    - {username: a, uid: 1}\n    - {username: a, uid: 2}\n", "IMG0007", 9, 18, "the user 'a' is declared more than once")]
    [InlineData("accounts:\n  users:\n    - {username: a, uid: 1}\n    - {username: b, uid: 1}\n", "IMG0007", 9, 26, "the user with uid 1 is declared more than once")]
    [InlineData("accounts:\n  groups:\n    - {groupname: g, gid: 1}\n    - {groupname: g, gid: 2}\n", "IMG0008", 9, 19, "the group 'g' is declared more than once")]
    [InlineData("entrypoint:\n  services:\n    web: /bin/web\n", "IMG0011", 8, 5, "entrypoint services are declared but the entrypoint type is not service-bundle")]
    [InlineData("entrypoint:\n  type: service-bundle\n  command: /bin/app\n  services:\n    web: /bin/web\n", "IMG0012", 8, 12, null)]
    [InlineData("entrypoint:\n  type: bundle\n", "IMG0034", 7, 9, "unknown entrypoint type 'bundle'; the only type is service-bundle")]
    [InlineData("work-dir: app\n", "IMG0013", 6, 11, "work-dir 'app' is not an absolute path")]
    [InlineData("stop-signal: SIGSTOPP\n", "IMG0014", 6, 14, "stop-signal 'SIGSTOPP' is not a signal")]
    [InlineData("paths:\n  - {path: /a, type: symlink}\n", "IMG0015", 7, 5, "the symlink at '/a' has no source")]
    [InlineData("paths:\n  - {path: /a, type: hardlink}\n", "IMG0015", 7, 5, "the hardlink at '/a' has no source")]
    [InlineData("paths:\n  - path: /a\n    type: permissions\n    permissions: 0o17777\n", "IMG0016", 9, 18, "permissions 0o17777 (8191) are not file permissions: the largest is 0o7777")]
    [InlineData("environment:\n  1BAD: x\n", "IMG0018", 7, 3, "'1BAD' is not a valid environment variable name")]
    [InlineData("layering:\n  strategy: size\n", "IMG0025", 7, 13, "unknown layering strategy 'size'; the only strategy is origin")]
    [InlineData("layering:\n  strategy: origin\n  budget: -1\n", "IMG0025", 8, 11, "the layering budget must be 0 or more, not -1")]
    [InlineData("format: erofs\n", "IMG0026", 6, 9, "format 'erofs' is not supported: layers are written as tar only (apko's experimental erofs is not implemented)")]
    [InlineData("certificates:\n  additional:\n    - {name: ../evil, content: \"-----BEGIN CERTIFICATE-----\"}\n", "IMG0023", 8, 14, null)]
    [InlineData("certificates:\n  additional:\n    - name: two\n      content: \"-----BEGIN CERTIFICATE-----\\n-----BEGIN CERTIFICATE-----\"\n", "IMG0033", 9, 16, null)]
    [InlineData("accounts:\n  users:\n    - {username: 'a:b', uid: 5}\n", "IMG0034", 8, 18, "the user name 'a:b' must not contain ':', ',' or a control character (a line break)")]
    [InlineData("accounts:\n  users:\n    - {username: \"a\\nroot\", uid: 5}\n", "IMG0034", 8, 18, "the user name 'a\\u000aroot' must not contain ':', ',' or a control character (a line break)")]
    [InlineData("accounts:\n  users:\n    - {username: app, uid: 5}\n  groups:\n    - {groupname: 'a,b', gid: 5}\n", "IMG0034", 10, 19, "the group name 'a,b' must not contain ':', ',' or a control character (a line break)")]
    [InlineData("entrypoint:\n  type: service-bundle\n  services:\n    ../x: /bin/x\n", "IMG0023", 9, 5, "service name '../x' does not match ^[a-zA-Z0-9_-]+[a-zA-Z0-9_.-]*$")]
    public void Each_rule_reports_at_the_offending_value(string yaml, string id, int line, int column, string? message)
    {
        var d = ConfigAssert.SingleError(WithValid(yaml), id, line, column);
        if (message is not null)
        {
            Assert.Equal(message, d.Message);
        }
    }

    [Fact]
    public void A_group_member_with_a_comma_is_refused_because_it_would_add_a_member()
    {
        // /etc/group lists members ','-separated: 'app,root' would make root a member of the group.
        var errors = ConfigAssert.Errors(WithValid("accounts:\n  users:\n    - {username: app, uid: 5}\n  groups:\n    - {groupname: g, gid: 5, members: ['app,root']}\n"));
        Assert.Contains(errors, e => e.Id == "IMG0034" && e.Message == "the group member 'app,root' must not contain ':', ',' or a control character (a line break)");
    }

    [Fact]
    public void An_annotation_key_outside_apkos_flag_pattern_is_a_warning_and_kept()
    {
        // apko checks ^[a-z0-9-.]+$ only for --annotations; a YAML key is built as written.
        LoadedConfiguration loaded = ConfigurationLoader.Parse(WithValid("annotations:\n  Org.Title: x\n"), "test.yaml");
        ConfigurationDiagnostic warning = Assert.Single(loaded.Warnings);
        ConfigAssert.AssertAt(warning, "IMG0019", "test.yaml", 7, 3);
        Assert.Equal("annotation key 'Org.Title' does not match ^[a-z0-9-.]+$", warning.Message);
        Assert.Equal("x", loaded.Configuration.Annotations["Org.Title"]);
    }

    [Theory]
    [InlineData("'@edge'", "has a tag but no URL or path")]
    [InlineData("'https://a https://b https://c'", "has more than two fields")]
    [InlineData("'edge https://a'", "has a tag 'edge' that does not start with '@'")]
    [InlineData("' '", "a repository is empty")]
    public void Malformed_repositories_are_refused(string repository, string fragment)
    {
        var errors = ConfigAssert.Errors($"contents:\n  repositories:\n    - {repository}\n  packages: [a]\n");
        var d = Assert.Single(errors);
        ConfigAssert.AssertAt(d, "IMG0028", "test.yaml", 3, 7);
        Assert.Contains(fragment, d.Message);
    }

    [Fact]
    public void Malformed_packages_are_located()
    {
        var d = ConfigAssert.SingleError("contents:\n  packages:\n    - busybox\n    - 'nginx>=1..2'\n", "IMG0004", 4, 7);
        Assert.Contains("'1..2'", d.Message);
    }

    [Fact]
    public void A_pin_needs_a_repository_with_that_tag()
    {
        var d = ConfigAssert.SingleError("contents:\n  repositories: [https://a]\n  packages:\n    - foo@local\n", "IMG0017", 4, 7);
        Assert.Equal("the package 'foo@local' is pinned to '@local', but no repository is declared with that tag", d.Message);
        Assert.Empty(ConfigAssert.Warnings("contents:\n  repositories: ['@local ./packages']\n  packages:\n    - foo@local\n"));
        Assert.Empty(ConfigAssert.Warnings("contents:\n  build_repositories: ['@local ./packages']\n  packages:\n    - foo@local\n"));
    }

    [Fact]
    public void A_base_image_refuses_what_would_rewrite_its_files_but_lets_runtime_settings_override()
    {
        Assert.Empty(ConfigAssert.Warnings("contents:\n  baseimage: {image: ./img}\n  packages: [a]\narchs: [amd64]\ncmd: /bin/sh\nenvironment: {A: b}\nwork-dir: /app\n"));
        var errors = ConfigAssert.Errors("contents:\n  baseimage: {image: ./img, apkindex: ./idx}\n  packages: [a]\narchs: [amd64]\npaths:\n  - {path: /x, type: directory, permissions: 0o755}\nlayering: {strategy: origin, budget: 2}\n");
        Assert.Equal([("IMG0029", 6), ("IMG0029", 7)], errors.Select(e => (e.Id, e.Line)));
        Assert.EndsWith("(remove 'paths')", errors[0].Message);
    }

    [Fact]
    public void Runtime_keyring_entries_need_unique_names_and_content()
    {
        var errors = ConfigAssert.Errors(WithValid("""
            contents:
              runtime_keyring:
                - {name: a.rsa.pub, content: x}
                - {name: a.rsa.pub, content: y}
                - {content: z}
                - {name: b.rsa.pub}
            """).Replace(ConfigAssert.Valid + "\n", "", StringComparison.Ordinal));
        Assert.Equal(["IMG0024", "IMG0024", "IMG0024"], errors.Select(e => e.Id));
        Assert.Equal([4, 5, 6], errors.Select(e => e.Line));
    }

    [Fact]
    public void Warnings_do_not_stop_loading()
    {
        var warnings = ConfigAssert.Warnings("""
            contents:
              packages: [busybox, busybox]
            accounts:
              run-as: ghost
              users: [{username: app, uid: 1}]
              groups: [{groupname: g, gid: 1, members: [app, nobody]}]
            """);
        Assert.Equal([("IMG0005", 2), ("IMG0009", 4), ("IMG0010", 6)], warnings.Select(w => (w.Id, w.Line)));
        Assert.All(warnings, w => Assert.False(w.IsError));
    }

    [Theory]
    [InlineData("65532")]
    [InlineData("app")]
    [InlineData("app:app")]
    [InlineData("0")]
    [InlineData("root")]
    public void Run_as_a_declared_user_or_a_number_gives_no_warning(string runAs)
    {
        Assert.Empty(ConfigAssert.Warnings($"contents: {{packages: [a]}}\naccounts:\n  run-as: '{runAs}'\n  users: [{{username: app, uid: 1}}]\n"));
    }

    [Fact]
    public void The_validator_runs_on_a_model_built_in_code_and_names_members()
    {
        var image = new ImageConfiguration
        {
            Contents = new ImageContents { Packages = ["busybox", "bad pkg"] },
            Accounts = new ImageAccounts { Users = [new UserAccount { UserName = "root2", Uid = 0 }] },
            WorkDir = "relative",
        };
        ValidationResult result = ConfigurationValidator.Validate(image, new MemberPathLocator("HelloImage"));
        Assert.Equal(
            [
                "HelloImage.Contents.Packages[1](0,0): error IMG0004: 'bad pkg' contains a space; write one package per entry",
                "HelloImage.WorkDir(0,0): error IMG0013: work-dir 'relative' is not an absolute path",
                "HelloImage.Accounts.Users[0].Uid(0,0): error IMG0006: configured user 'root2' has UID 0",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Throws<ConfigurationException>(() => ConfigurationValidator.ValidateOrThrow(image, new MemberPathLocator("HelloImage")));
    }

    [Fact]
    public void A_valid_model_built_in_code_passes()
    {
        var image = new ImageConfiguration
        {
            Contents = new ImageContents { Repositories = ["@local ./repo"], Packages = ["busybox@local"] },
            Entrypoint = new ImageEntrypoint { Type = ImageEntrypoint.ServiceBundle, Services = ValueMap.Of(("web", "/bin/web")) },
            Paths = [new PathMutation { Path = "/data", Type = PathMutationType.Directory, Permissions = 0xFFF }],
        };
        ValidationResult result = ConfigurationValidator.Validate(image, new MemberPathLocator("Web"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }
}
