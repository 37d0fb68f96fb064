using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>`contents.local` (ImageDsl's own): reading, path resolution, includes, located rules and the writer.</summary>
public sealed class LocalContentConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new("imagedsl-local-config");

    public void Dispose() => _dir.Dispose();

    private string Write(string relative, string yaml)
    {
        string path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    private ConfigurationLoadOptions Options => new() { WorkingDirectory = _dir.Path };

    private string Config(string local, string accounts = "") => ConfigAssert.Valid + "\n  local:\n" + local + accounts;

    [Fact]
    public void Fields_are_read_with_defaults_and_paths_resolve_against_the_files_folder()
    {
        Directory.CreateDirectory(_dir.Combine("app", "publish"));
        string file = Write("app/image.yaml", Config("    - path: publish\n      name: myapp\n"));
        LoadedConfiguration loaded = ConfigurationLoader.Load(file, Options);
        LocalContent local = Assert.Single(loaded.Configuration.Contents.Local);
        Assert.Equal(new LocalContent { Path = _dir.Combine("app", "publish"), Name = "myapp", To = "/", Version = "0-r0", Arch = "noarch", Owner = "root" }, local);
    }

    [Fact]
    public void An_included_files_folders_resolve_against_that_file_and_are_appended()
    {
        Directory.CreateDirectory(_dir.Combine("shared", "tools"));
        Directory.CreateDirectory(_dir.Combine("app", "publish"));
        Write("shared/base.yaml", Config("    - {path: tools, name: tools}\n"));
        string file = Write("app/image.yaml", "include: ../shared/base.yaml\ncontents:\n  local:\n    - {path: publish, name: myapp}\n");
        var local = ConfigurationLoader.Load(file, new ConfigurationLoadOptions { WorkingDirectory = _dir.Combine("app") }).Configuration.Contents.Local;
        Assert.Equal([(_dir.Combine("shared", "tools"), "tools"), (_dir.Combine("app", "publish"), "myapp")], local.Select(l => (l.Path, l.Name)));
    }

    [Fact]
    public void A_missing_folder_is_reported_at_its_path()
    {
        var error = ConfigAssert.SingleError(Config("    - name: myapp\n      path: nowhere\n"), "IMG0042", 8, 13, Options);
        Assert.Contains(_dir.Combine("nowhere"), error.Message);
    }

    [Theory]
    [InlineData("      name: my app\n", "IMG0043", "is not a package name")]
    [InlineData("      name: a\n      version: one\n", "IMG0043", "is not an apk version")]
    [InlineData("      name: a\n      arch: amd64\n", "IMG0043", "is not noarch or an apk architecture")]
    [InlineData("      name: a\n      to: app\n", "IMG0043", "is not an absolute path")]
    [InlineData("      name: a\n      to: /app/../etc\n", "IMG0043", "is not an absolute path")]
    [InlineData("      name: a\n      owner: web\n", "IMG0043", "neither root nor a user declared")]
    [InlineData("      to: /app\n", "IMG0027", "'name'")]
    public void Bad_entries_are_located_errors(string fields, string id, string fragment)
    {
        Directory.CreateDirectory(_dir.Combine("p"));
        var error = Assert.Single(ConfigAssert.Errors(Config("    - path: p\n" + fields), Options));
        Assert.Equal(id, error.Info.Id);
        Assert.Contains(fragment, error.Message);
        Assert.True(error.Line >= 6, error.ToString());
    }

    [Fact]
    public void A_name_used_twice_is_an_error_and_a_declared_owner_is_accepted()
    {
        Directory.CreateDirectory(_dir.Combine("p"));
        var error = Assert.Single(ConfigAssert.Errors(Config("    - {path: p, name: a}\n    - {path: p, name: a}\n"), Options));
        Assert.Contains("used more than once", error.Message);
        ConfigurationLoader.Parse(Config("    - {path: p, name: a, owner: app}\n", "accounts:\n  users: [{username: app, uid: 1000}]\n"), "test.yaml", Options);
    }

    [Fact]
    public void The_writer_round_trips_the_entries()
    {
        Directory.CreateDirectory(_dir.Combine("p"));
        LoadedConfiguration loaded = ConfigurationLoader.Parse(
            Config("    - {path: p, to: /app, name: a, version: 1.0-r1, arch: x86_64, owner: app}\n", "accounts:\n  users: [{username: app, uid: 1000}]\n"),
            "test.yaml", Options);
        string yaml = ApkoYamlWriter.Write(loaded.Configuration);
        Assert.Equal(loaded.Configuration.Contents.Local, ConfigurationLoader.Parse(yaml, "again.yaml", Options).Configuration.Contents.Local);
    }
}
