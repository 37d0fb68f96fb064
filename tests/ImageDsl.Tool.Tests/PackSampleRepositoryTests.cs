namespace ImageDsl.Tests;

/// <summary>The committed sample packages are exactly what samples/make-repo.sh's commands produce today.</summary>
public class PackSampleRepositoryTests
{
    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public async Task Repacking_the_sample_sources_reproduces_the_committed_packages_byte_for_byte(string arch)
    {
        using var dir = new TempDirectory();
        string[] common = ["--version", "1.0.0-r0", "--license", "MIT", "--url", "https://example.invalid/imagedsl",
            "--maintainer", "ImageDsl samples <samples@example.invalid>", "--sign", Fixtures.Repo("samples", "keys", "sample.rsa"),
            "--builddate", "1700000000", "--arch", arch, "-o", dir.Path + "/"];
        var baselayout = await CliRun.Run(["pack", Fixtures.Repo("samples", "repo", "src", "hello-baselayout"), "--name", "hello-baselayout",
            "--description", "ImageDsl sample base layout: os-release, motd, hosts", .. common]);
        Assert.True(baselayout.Exit == 0, baselayout.Err);
        var world = await CliRun.Run(["pack", Fixtures.Repo("samples", "repo", "src", "hello-world"), "--name", "hello-world",
            "--description", "Prints a greeting", "--depends", "hello-baselayout", "--provides", "cmd:hello=1.0.0-r0", .. common]);
        Assert.True(world.Exit == 0, world.Err);
        var s6 = await CliRun.Run(["pack", Fixtures.Repo("samples", "repo", "src", "s6"), "--name", "s6",
            "--description", "Stand-in for s6 (ImageDsl samples): starts the /sv services once, supervises nothing", .. common]);
        Assert.True(s6.Exit == 0, s6.Err);
        var index = await CliRun.Run("index", dir.Path, "--sign", Fixtures.Repo("samples", "keys", "sample.rsa"), "--description", "ImageDsl sample repository");
        Assert.True(index.Exit == 0, index.Err);

        foreach (string file in new[] { "hello-baselayout-1.0.0-r0.apk", "hello-world-1.0.0-r0.apk", "s6-1.0.0-r0.apk", "APKINDEX.tar.gz" })
        {
            Assert.True(File.ReadAllBytes(Fixtures.Repo("samples", "repo", arch, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, file))),
                $"{arch}/{file} differs from what make-repo.sh's commands produce; run samples/make-repo.sh and commit the result");
        }
    }
}
