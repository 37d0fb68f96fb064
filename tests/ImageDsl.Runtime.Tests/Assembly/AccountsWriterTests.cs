using ImageDsl.Assembling.Accounts;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Assembling;

public class AccountsWriterTests
{
    private static readonly ImageAccounts Nginx = new()
    {
        RunAs = "nginx",
        Groups = [new GroupAccount { GroupName = "nginx", Gid = 10000, Members = ["nginx"] }],
        Users = [new UserAccount { UserName = "nginx", Uid = 10000 }],
    };

    [Fact]
    public void Users_and_groups_are_appended_and_run_as_becomes_the_uid()
    {
        var existing = new AccountFiles("root:x:0:0:root:/root:/bin/sh\n", "root:x:0:\n", null);
        AccountChanges changes = AccountsWriter.Apply(existing, Nginx);

        Assert.Equal("root:x:0:0:root:/root:/bin/sh\nnginx:x:10000:10000:Account created by apko:/home/nginx:/bin/sh\n", changes.Files.Passwd);
        Assert.Equal("root:x:0:\nnginx:x:10000:nginx\n", changes.Files.Group);
        Assert.Equal("nginx:!:::::::\n", changes.Files.Shadow);
        Assert.Equal("10000", changes.RunAs);
        Assert.Contains(new HomeDirectory("/home/nginx", 10000, 10000), changes.HomeDirectories);
    }

    [Fact]
    public void Passwd_always_exists_but_group_and_shadow_only_when_configured()
    {
        AccountChanges changes = AccountsWriter.Apply(new AccountFiles(null, null, null), new ImageAccounts { RunAs = "65532" });
        Assert.Equal("", changes.Files.Passwd);
        Assert.Null(changes.Files.Group);
        Assert.Null(changes.Files.Shadow);
        Assert.Equal("65532", changes.RunAs);
    }

    [Fact]
    public void Explicit_gid_zero_is_kept_and_missing_gid_defaults_to_uid()
    {
        var accounts = new ImageAccounts
        {
            Users = [new UserAccount { UserName = "a", Uid = 1000, Gid = 0 }, new UserAccount { UserName = "b", Uid = 1001, HomeDir = "/dev/null" }],
        };
        AccountChanges changes = AccountsWriter.Apply(new AccountFiles(null, null, null), accounts);
        Assert.Contains("a:x:1000:0:", changes.Files.Passwd);
        Assert.Contains("b:x:1001:1001:", changes.Files.Passwd);
        Assert.DoesNotContain(changes.HomeDirectories, h => h.Path == "/dev/null");
    }

    [Fact]
    public void A_malformed_passwd_from_a_package_is_a_located_error()
    {
        var error = Assert.Throws<ImageDslException>(() => AccountsWriter.Apply(new AccountFiles("root:x:0\n", null, null), Nginx));
        Assert.Contains("/etc/passwd:1", error.Message);
    }

    /// <summary>The line comes from a package or a base image: it is quoted escaped and cut, never raw.</summary>
    [Fact]
    public void A_malformed_line_is_quoted_without_control_characters_and_cut()
    {
        string hostile = "evil\u001b]0;owned\u0007:x" + new string('A', 5000) + "\n";
        var error = Assert.Throws<ImageDslException>(() => AccountsWriter.Apply(new AccountFiles(hostile, null, null), Nginx));
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
        Assert.Contains("\\u001b]0;owned", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }
}
