namespace ImageDsl.Tests.Dsl;

/// <summary>`dotnet image import`: apko.yaml in, idiomatic C# out (stdout, or an atomic -o file).</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Example(string name) => Fixtures.Shared("apko-examples", "examples", name);

    [Fact]
    public async Task Writes_the_class_to_stdout_without_apko_derived_values()
    {
        var (exit, stdout, stderr) = await CliRun.Run("import", Example("nginx.yaml"));

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("using ImageDsl;\n\nnamespace Images;\n\n[Image(\"nginx\")]\n", stdout);
        Assert.EndsWith("public partial class Nginx;\n", stdout);
        Assert.Contains("[Service(\"nginx\", \"/usr/sbin/nginx -c /etc/nginx/nginx.conf -g \\\"daemon off;\\\"\")]", stdout);
        // The loader derives the s6 entrypoint, the s6 package and home directories; the C# leaves them to the build.
        Assert.DoesNotContain("s6", stdout);
        Assert.DoesNotContain("Home = ", stdout);
    }

    [Fact]
    public async Task Merges_includes_found_through_include_paths()
    {
        // include.yaml says `include: examples/alpine-base.yaml`, relative to the apko-examples folder.
        var (exit, stdout, stderr) = await CliRun.Run("import", Example("include.yaml"), "--include-paths", Fixtures.Shared("apko-examples"),
            "--namespace", "Acme.Images", "--class", "AlpineShell", "--name", "alpine-shell");

        Assert.True(exit == 0, stderr);
        Assert.Contains("namespace Acme.Images;", stdout);
        Assert.Contains("[Image(\"alpine-shell\")]", stdout);
        Assert.Contains("[Package(\"alpine-base\")]", stdout);
        Assert.Contains("[Cmd(\"/bin/sh -l\")]", stdout);
        Assert.DoesNotContain("Include", stdout);
        Assert.Contains("public partial class AlpineShell;", stdout);
    }

    [Fact]
    public async Task Writes_an_output_file_atomically_named_after_it()
    {
        string target = _temp.Combine("HelloImage.cs");

        var (exit, stdout, stderr) = await CliRun.Run("import", Fixtures.Repo("samples", "hello", "hello.yaml"), "-o", target);

        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout);
        string source = File.ReadAllText(target);
        Assert.Contains("[Image(\"hello\")]", source);
        Assert.Contains("public partial class HelloImage;", source);
        Assert.Equal(["HelloImage.cs"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_invalid_configuration_is_reported_with_its_location_and_nothing_is_written()
    {
        string config = _temp.Combine("bad.yaml");
        File.WriteAllText(config, "contents:\n  packages: [busybox]\nwork-dir: relative\n");
        string target = _temp.Combine("Bad.cs");

        var (exit, _, stderr) = await CliRun.Run("import", config, "-o", target);

        Assert.Equal(2, exit);
        Assert.Contains("(3,11): error IMG0013: work-dir 'relative' is not an absolute path", stderr);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("--class", "9Lives", "'9Lives' is not a C# class name")]
    [InlineData("--namespace", "Acme..Images", "'Acme..Images' is not a C# namespace")]
    public async Task Names_that_are_not_CSharp_are_usage_errors(string option, string value, string message)
    {
        var (exit, stdout, stderr) = await CliRun.Run("import", Fixtures.Repo("samples", "hello", "hello.yaml"), option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"error IMG1002: {message}", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task An_output_folder_that_does_not_exist_is_an_output_error()
    {
        var (exit, _, stderr) = await CliRun.Run("import", Fixtures.Repo("samples", "hello", "hello.yaml"), "-o", _temp.Combine("missing", "Hello.cs"));

        Assert.Equal(6, exit);
        Assert.Contains("does not exist", stderr);
    }

    [Theory]
    [InlineData("nginx-rootless.yaml", "NginxRootless")]
    [InlineData("apko.yaml", "Apko")]
    [InlineData("/x/3d-tools.apko.yaml", "Image3dTools")]
    [InlineData("Hello.cs", "Hello")]
    [InlineData("alpine_base.yaml", "AlpineBase")]
    public void Class_names_come_from_file_names_in_PascalCase(string path, string expected) =>
        Assert.Equal(expected, Tool.Commands.ImportCommand.ClassName(path));

    public void Dispose() => _temp.Dispose();
}
