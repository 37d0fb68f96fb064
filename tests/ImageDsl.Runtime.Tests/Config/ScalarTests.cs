using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>Numbers, booleans and text read the way yaml.v3 (apko's YAML library) reads them.</summary>
public class ScalarTests
{
    private static PathMutation ReadPath(string permissions) =>
        ConfigurationLoader.Parse($"contents: {{packages: [a]}}\npaths:\n  - path: /a\n    type: directory\n    permissions: {permissions}\n")
            .Configuration.Paths[0];

    [Theory]
    [InlineData("0o755", 493u)]   // YAML 1.2 octal
    [InlineData("0755", 493u)]    // yaml.v3 keeps YAML 1.1 octal
    [InlineData("0o4755", 2541u)] // setuid
    [InlineData("755", 755u)]     // plain digits are decimal in yaml.v3: 755 = 0o1363, as apko reads it
    [InlineData("0x1ed", 493u)]
    [InlineData("0o7_55", 493u)]
    [InlineData("0", 0u)]
    public void Permissions_read_like_yaml_v3(string text, uint expected)
    {
        Assert.Equal(expected, ReadPath(text).Permissions);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void Recursive_reads_yaml_booleans(string text, bool expected)
    {
        var path = ConfigurationLoader.Parse($"paths:\n  - path: /a\n    type: directory\n    recursive: {text}\n").Configuration.Paths[0];
        Assert.Equal(expected, path.Recursive);
    }

    [Fact]
    public void Any_scalar_is_text_where_text_is_expected()
    {
        var c = ConfigurationLoader.Parse("cmd: 123\nstop-signal: 15\nenvironment:\n  A: true\n  B: 0o10\n  C:\n  D: ''\n").Configuration;
        Assert.Equal("123", c.Cmd);
        Assert.Equal("15", c.StopSignal);
        Assert.Equal(ValueMap.Of(("A", "true"), ("B", "0o10"), ("C", ""), ("D", "")), c.Environment);
    }

    [Fact]
    public void Empty_and_null_optional_text_are_absent()
    {
        var c = ConfigurationLoader.Parse("cmd: ''\nwork-dir: ~\nstop-signal:\nentrypoint: {}\naccounts: {}\n").Configuration;
        Assert.Equal(new ImageConfiguration(), c);
    }

    [Fact]
    public void Trailing_slashes_are_trimmed_from_repositories_only()
    {
        var c = ConfigurationLoader.Parse("""
            contents:
              repositories: ['https://a/os/', '@local ./packages//']
              build_repositories: [./build/]
              runtime_repositories: [https://r/]
              keyring: [https://k/]
            """).Configuration;
        Assert.Equal(["https://a/os", "@local ./packages"], c.Contents.Repositories);
        Assert.Equal(["./build"], c.Contents.BuildRepositories);
        Assert.Equal(["https://r"], c.Contents.RuntimeRepositories);
        Assert.Equal(["https://k/"], c.Contents.Keyring);
    }

    [Fact]
    public void Json_is_read_too()
    {
        var c = ConfigurationLoader.Parse("""{"contents":{"repositories":["./testdata/packages"],"packages":["replayout=1.0.0-r0"]},"entrypoint":{"command":"/bin/sh -l"},"accounts":{},"archs":["amd64"]}""", "apko.json").Configuration;
        Assert.Equal("/bin/sh -l", c.Entrypoint!.Command);
        Assert.Equal([Architecture.Amd64], c.Archs);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve()
    {
        var c = ConfigurationLoader.Parse("""
            contents:
              packages: &pkgs [a, b]
            volumes: *pkgs
            annotations:
              <<: {org.x: base, org.y: base}
              org.y: own
            """).Configuration;
        Assert.Equal(["a", "b"], c.Volumes);
        Assert.Equal(ValueMap.Of(("org.x", "base"), ("org.y", "own")), c.Annotations);
    }

    [Fact]
    public void Only_the_first_document_is_read()
    {
        var c = ConfigurationLoader.Parse("cmd: first\n---\ncmd: [second, ignored]\n").Configuration;
        Assert.Equal("first", c.Cmd);
    }
}
