using System.CommandLine;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Dsl;

/// <summary>
/// Every command that reads an image takes it the same way: an apko.yaml, or `--project [--image] [--framework]`;
/// and every hint names a command that works for that source.
/// </summary>
[Collection(ProjectBuildCollection.Name)]
public sealed class ImageSourceTests(SamplesProjectFixture samples) : IClassFixture<SamplesProjectFixture>
{
    private static readonly string[] ImageCommands =
        ["build", "publish", "show-config", "show-packages", "lock", "dot", "explain", "build-minirootfs", "build-cpio", "catalog"];

    private string Dll => samples.AssemblyPath;

    [Fact]
    public void Every_command_that_reads_an_image_takes_a_config_or_a_project()
    {
        RootCommand root = ImageCli.CreateRoot();
        foreach (string name in ImageCommands)
        {
            Command command = root.Subcommands.Single(c => c.Name == name);
            Assert.Equal("config", command.Arguments[0].Name);
            foreach (string option in new[] { "--project", "--image", "--framework", "--publish-dir", "--app-assembly", "--app-version", "--include-paths", "--arch" })
            {
                Assert.True(command.Options.Any(o => o.Name == option), $"{name} has no {option}");
            }
        }
        Assert.Contains(root.Subcommands.Single(c => c.Name == "export").Options, o => o.Name == "--framework");
        Assert.Contains(root.Subcommands.Single(c => c.Name == "export").Options, o => o.Name == "--publish-dir");
    }

    [Fact]
    public void The_resolving_and_printing_commands_read_a_csharp_image()
    {
        string[] image = ["--project", Dll, "--image", "hello-minimal"];

        ProcessResult config = samples.Run(["show-config", .. image]);
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Contains("- hello-world", config.StandardOutput);

        ProcessResult packages = samples.Run(["show-packages", .. image, "--cache-dir", samples.Temp.Combine("cache")]);
        Assert.True(packages.ExitCode == 0, packages.ToString());
        Assert.Contains("hello-world ", packages.StandardOutput);

        ProcessResult dot = samples.Run(["dot", .. image, "--cache-dir", samples.Temp.Combine("cache")]);
        Assert.True(dot.ExitCode == 0, dot.ToString());
        Assert.StartsWith("digraph", dot.StandardOutput);

        // explain's package word moves into the config argument's place.
        ProcessResult explain = samples.Run(["explain", .. image, "hello-world", "--cache-dir", samples.Temp.Combine("cache")]);
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("hello-world", explain.StandardOutput);

        string rootfs = samples.Temp.Combine("rootfs.tar");
        ProcessResult minirootfs = samples.Run(["build-minirootfs", .. image, rootfs, "--cache-dir", samples.Temp.Combine("cache"), "--sbom=false"]);
        Assert.True(minirootfs.ExitCode == 0, minirootfs.ToString());
        Assert.True(new FileInfo(rootfs).Length > 0);
    }

    [Fact]
    public void A_stale_lock_hint_after_a_project_build_names_a_lock_command_that_works()
    {
        string staleLock = samples.Temp.Combine("other.lock.json");
        ProcessResult other = samples.Run("lock", "--project", Dll, "--image", "hello-labelled", "--output", staleLock, "--cache-dir", samples.Temp.Combine("cache"));
        Assert.True(other.ExitCode == 0, other.ToString());

        string tar = samples.Temp.Combine("locked.tar");
        ProcessResult stale = samples.Run("build", "--project", Dll, "--image", "hello-minimal", "hello:1", tar, "--lockfile", staleLock);
        Assert.Equal(2, stale.ExitCode);
        string hinted = stale.StandardError.Split('`')[1];
        Assert.Equal($"dotnet image lock --project {Dll} --image hello-minimal", hinted);

        string freshLock = samples.Temp.Combine("hello-minimal.lock.json");
        ProcessResult relock = samples.Run([.. hinted["dotnet image ".Length..].Split(' '), "--output", freshLock, "--cache-dir", samples.Temp.Combine("cache")]);
        Assert.True(relock.ExitCode == 0, relock.ToString());
        ToolProcess.Digest(samples.Run("build", "--project", Dll, "--image", "hello-minimal", "hello:1", tar, "--lockfile", freshLock));
    }

    [Fact]
    public void Framework_selects_the_target_framework_and_needs_a_project()
    {
        ProcessResult built = samples.Run("show-config", "--project", SamplesProjectFixture.Project, "--image", "hello-minimal", "--framework", "net10.0");
        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Contains("- hello-world", built.StandardOutput);

        ProcessResult alone = samples.Run("show-config", "samples/hello/hello.yaml", "--framework", "net10.0");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--framework applies to a C# project, but no --project is given", alone.StandardError);
    }

    [Fact]
    public void A_config_and_a_project_together_are_refused_where_no_words_follow()
    {
        ProcessResult both = samples.Run("show-config", "samples/hello/hello.yaml", "--project", Dll);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("both a configuration ('samples/hello/hello.yaml') and --project are given", both.StandardError);
    }
}
