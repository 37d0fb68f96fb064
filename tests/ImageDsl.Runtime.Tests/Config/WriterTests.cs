using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>The canonical apko.yaml the writer produces.</summary>
public class WriterTests
{
    [Fact]
    public void Writes_apkos_keys_in_apkos_order_with_two_space_indentation()
    {
        var image = new ImageConfiguration
        {
            Annotations = ValueMap.Of(("org.b", "2"), ("org.a", "1")),
            Archs = [Architecture.Arm64, Architecture.ArmV7],
            WorkDir = "/app",
            Contents = new ImageContents
            {
                Packages = ["busybox"],
                BuildRepositories = ["./build"],
                Repositories = ["https://repo"],
            },
            Accounts = new ImageAccounts
            {
                RunAs = "app",
                Users = [new UserAccount { UserName = "app", Uid = 1000, Gid = 0 }],
            },
            Paths = [new PathMutation { Path = "/data", Type = PathMutationType.Directory, Uid = 1000, Permissions = 0x1ED, Recursive = true }],
            Layering = new ImageLayering("origin", 2),
        };
        Assert.Equal("""
            contents:
              build_repositories:
                - ./build
              repositories:
                - https://repo
              packages:
                - busybox
            work-dir: /app
            accounts:
              run-as: app
              users:
                - username: app
                  uid: 1000
                  gid: 0
            archs:
              - arm64
              - arm/v7
            paths:
              - path: /data
                type: directory
                uid: 1000
                permissions: 0o755
                recursive: true
            annotations:
              org.a: "1"
              org.b: "2"
            layering:
              strategy: origin
              budget: 2

            """.Replace("\r\n", "\n", StringComparison.Ordinal), ApkoYamlWriter.Write(image));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("no")]
    [InlineData("0755")]
    [InlineData("1e3")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("- x")]
    [InlineData("a: b")]
    [InlineData("#x")]
    [InlineData(" padded ")]
    [InlineData("@tag https://x")]
    [InlineData("line1\nline2\n")]
    [InlineData("line1\nline2")]
    [InlineData("tab\there")]
    [InlineData("quote\"and'apostrophe")]
    public void Strings_that_look_like_something_else_are_quoted_and_read_back_unchanged(string text)
    {
        var image = new ImageConfiguration { Cmd = text, Environment = ValueMap.Of(("K", text)) };
        string yaml = ApkoYamlWriter.Write(image);
        Assert.Equal(image, ConfigurationLoader.Parse(yaml).Configuration);
    }

    [Fact]
    public void Plain_text_stays_unquoted()
    {
        string yaml = ApkoYamlWriter.Write(new ImageConfiguration { Cmd = "/bin/sh -c \"echo hi\"" });
        Assert.Equal("cmd: /bin/sh -c \"echo hi\"\n", yaml);
    }

    [Fact]
    public void An_empty_layering_is_kept_as_an_empty_mapping()
    {
        var image = new ImageConfiguration { Layering = new ImageLayering("", 0) };
        string yaml = ApkoYamlWriter.Write(image);
        Assert.Equal("layering: {}\n", yaml);
        Assert.Equal(image, ConfigurationLoader.Parse(yaml).Configuration);
    }

    [Fact]
    public void User_information_is_redacted_in_every_repository_and_key()
    {
        var image = new ImageConfiguration
        {
            Contents = new ImageContents
            {
                Repositories = ["@private https://user:s3cret@host/os", "https://token@host/os"],
                BuildRepositories = ["https://u:p@build/os"],
                RuntimeRepositories = ["https://u:p@runtime/os"],
                Keyring = ["https://u:p@keys/k.rsa.pub"],
            },
        };
        string yaml = ApkoYamlWriter.Write(image, redactPasswords: true);
        // User and password both go: in `token@host` the user name is the secret.
        Assert.Contains("'@private https://xxxxx@host/os'", yaml);
        Assert.Contains("https://xxxxx@host/os", yaml);
        Assert.DoesNotContain("token", yaml);
        Assert.Contains("https://xxxxx@build/os", yaml);
        Assert.Contains("https://xxxxx@runtime/os", yaml);
        Assert.Contains("https://xxxxx@keys/k.rsa.pub", yaml);
        Assert.DoesNotContain("s3cret", yaml);
        Assert.Contains("s3cret", ApkoYamlWriter.Write(image));
    }

    [Theory]
    [InlineData("https://u:p@h", "https://xxxxx@h")]
    [InlineData("https://u:p@h:8080/a?b#c", "https://xxxxx@h:8080/a?b#c")]
    [InlineData("https://u:p@ss@h/a", "https://xxxxx@h/a")]
    [InlineData("https://h/a:b@c", "https://h/a:b@c")]
    [InlineData("./local/path", "./local/path")]
    public void Url_redaction_drops_the_whole_user_information(string url, string expected)
    {
        Assert.Equal(expected, ImageDsl.Apk.Repositories.UrlRedaction.Redact(url));
    }
}
