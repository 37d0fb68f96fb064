using ImageDsl.Testing;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>Who and where a command runs, read from the image configuration as container runtimes read it.</summary>
public sealed class RunIdentityTests
{
    private static readonly ImageUser[] Users = [new("root", 0, 0, "/root", "/bin/sh"), new("app", 1000, 1001, "/home/app", "/bin/sh")];
    private static readonly ImageGroup[] Groups = [new("root", 0, []), new("app", 1001, []), new("staff", 50, [])];

    private static RunIdentity Of(string? user, string? workDir = null, Dictionary<string, string>? env = null) =>
        RunIdentity.Of(new ImageRuntimeConfig([], [], env ?? [], user, workDir, null), Users, Groups);

    [Theory]
    [InlineData(null, 0, 0)]
    [InlineData("", 0, 0)]
    [InlineData("app", 1000, 1001)]
    [InlineData("1000", 1000, 1001)]      // a uid: the primary group from /etc/passwd
    [InlineData("4242", 4242, 0)]         // a uid nobody has: group 0, as runc does
    [InlineData("app:staff", 1000, 50)]
    [InlineData("1000:7", 1000, 7)]
    public void The_user_field_gives_uid_and_gid(string? user, int uid, int gid)
    {
        RunIdentity identity = Of(user);

        Assert.Equal((uid, gid), (identity.Uid, identity.Gid));
    }

    [Theory]
    [InlineData("nobody-here", "user 'nobody-here'")]
    [InlineData("app:nogroup", "group 'nogroup'")]
    public void An_unknown_name_is_an_error_naming_it(string user, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Of(user));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Path_and_home_are_added_only_when_the_image_sets_none()
    {
        RunIdentity plain = Of("app");
        RunIdentity own = Of("app", "/srv", new() { ["PATH"] = "/opt/bin", ["HOME"] = "/data", ["A"] = "1" });

        Assert.Equal([new("HOME", "/home/app"), new("PATH", RunIdentity.DefaultPath)], plain.Environment.OrderBy(e => e.Key));
        Assert.Equal("/", plain.WorkingDirectory);
        Assert.Equal([new("A", "1"), new("HOME", "/data"), new("PATH", "/opt/bin")], own.Environment.OrderBy(e => e.Key));
        Assert.Equal("/srv", own.WorkingDirectory);
    }
}
