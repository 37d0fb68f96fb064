using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

/// <summary>`dotnet image catalog` on the bundled sample repository and on a lock file.</summary>
public sealed class CatalogCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-catalog");

    [Fact]
    public async Task Writes_every_package_of_the_configured_repositories_sorted_with_their_metadata()
    {
        string output = _temp.Combine("samples.catalog");
        var stderr = new StringWriter();

        int exit = await ImageCli.RunAsync(["catalog", Fixtures.Repo("samples", "hello", "hello.yaml"), "-C", Fixtures.Repo(), "-o", output, "--class", "Samples"],
            new StringWriter(), stderr);

        Assert.True(exit == 0, stderr.ToString());
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("# imagedsl-catalog 1", lines[0]);
        Assert.Equal("# class: Samples", lines[1]);
        string[] packages = lines.Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(["hello-baselayout", "hello-world", "s6"], packages.Select(l => l.Split('\t')[0]));
        Assert.Equal(["hello-world", "1.0.0-r0", "MIT", "Prints a greeting", "cmd:hello"], packages[1].Split('\t'));
        Assert.Contains("wrote " + output + ": 3 packages", stderr.ToString());
    }

    [Fact]
    public async Task Reads_the_packages_of_a_lock_file_instead_of_the_indexes()
    {
        string output = _temp.Combine("locked.catalog");
        var stderr = new StringWriter();

        int exit = await ImageCli.RunAsync(["catalog", Fixtures.Repo("samples", "hello", "hello.yaml"), "-C", Fixtures.Repo(), "-o", output,
            "--lockfile", Fixtures.Repo("samples", "ImageDsl.Samples", "hello-minimal.lock.json"), "--repository-append", "/nonexistent"],
            new StringWriter(), stderr);

        Assert.True(exit == 0, stderr.ToString());
        string[] packages = File.ReadAllLines(output).Where(l => !l.StartsWith('#')).ToArray();
        // The lock pins hello-world and its dependency; no s6, which the repository has: the indexes were not read.
        Assert.Contains("hello-world\t1.0.0-r0\t\t\t", packages);
        Assert.DoesNotContain(packages, l => l.StartsWith("s6\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_class_name_that_is_not_an_identifier_is_refused_and_nothing_is_written()
    {
        string output = _temp.Combine("bad.catalog");
        var stderr = new StringWriter();

        int exit = await ImageCli.RunAsync(["catalog", Fixtures.Repo("samples", "hello", "hello.yaml"), "-C", Fixtures.Repo(), "-o", output, "--class", "9lives"],
            new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("--class '9lives' is not a C# class name", stderr.ToString());
        Assert.False(File.Exists(output));
    }

    public void Dispose() => _temp.Dispose();
}
