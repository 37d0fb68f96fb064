using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Apk;

public class ApkInputsTests
{
    [Fact]
    public void Build_repositories_are_the_sorted_set_without_runtime_repositories()
    {
        var config = new ImageConfiguration
        {
            Contents = new ImageContents
            {
                Repositories = ["https://b.test/main/", "https://a.test/main"],
                BuildRepositories = ["https://c.test/build", "https://a.test/main"],
                RuntimeRepositories = ["https://runtime.test/only"],
                Keyring = ["z.rsa.pub", "a.rsa.pub"],
                Packages = ["nginx", "busybox", "nginx"],
            },
        };
        ApkInputs inputs = ApkInputs.From(config, new ApkExtras(["m.rsa.pub"], ["@edge https://e.test/edge"], ["https://d.test/x"], ["curl"]));
        Assert.Equal(["@edge https://e.test/edge", "https://a.test/main", "https://b.test/main", "https://c.test/build", "https://d.test/x"], inputs.BuildRepositories);
        Assert.Equal(["a.rsa.pub", "m.rsa.pub", "z.rsa.pub"], inputs.Keyring);
        Assert.Equal(["busybox", "curl", "nginx"], inputs.World);
        Assert.Equal("edge", inputs.Repositories[0].Tag);
    }

    [Theory]
    [InlineData("https://x.test/main", "https://x.test/main", null)]
    [InlineData("https://x.test/main/", "https://x.test/main", null)]
    [InlineData("@edge https://x.test/edge", "https://x.test/edge", "edge")]
    [InlineData("@a @b ./local", "./local", "b")]
    public void Repository_lines_parse(string line, string url, string? tag)
    {
        ApkRepository repository = ApkRepository.Parse(line);
        Assert.Equal((url, tag), (repository.Url, repository.Tag));
        Assert.Equal(url + "/aarch64/APKINDEX.tar.gz", repository.IndexUrl("aarch64"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@edge")]
    [InlineData("https://a.test https://b.test")]
    public void Malformed_repository_lines_are_configuration_errors(string line)
    {
        Assert.Equal(ErrorKind.Configuration, Assert.Throws<ImageDslException>(() => ApkRepository.Parse(line)).Kind);
    }

    [Theory]
    [InlineData("https://user:secret@host.test/a", "https://xxxxx@host.test/a", "https://host.test/a")]
    [InlineData("get @edge https://u:p@h.test/x and http://v:q@i.test", "get @edge https://xxxxx@h.test/x and http://xxxxx@i.test", "get @edge https://h.test/x and http://i.test")]
    [InlineData("https://alpinelinux.org/keys/alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub",
        "https://alpinelinux.org/keys/alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub",
        "https://alpinelinux.org/keys/alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub")]
    [InlineData("https://token@host.test/a", "https://xxxxx@host.test/a", "https://host.test/a")]
    [InlineData("https://u:p@ss@host.test/a@b", "https://xxxxx@host.test/a@b", "https://host.test/a@b")]
    [InlineData("http://tok@h.test?x=@y", "http://xxxxx@h.test?x=@y", "http://h.test?x=@y")]
    public void Passwords_are_redacted_and_user_info_can_be_stripped(string text, string redacted, string stripped)
    {
        Assert.Equal(redacted, UrlRedaction.Redact(text));
        Assert.Equal(stripped, UrlRedaction.StripUserInfo(text));
    }
}
