using ImageDsl.Model;

namespace ImageDsl.Tests.Dsl;

/// <summary>The C# samples: built by `dotnet image` from the project, equal to their exported apko.yaml, all three buildable.</summary>
[Collection(ProjectBuildCollection.Name)]
public sealed class SamplesProjectTests(SamplesProjectFixture samples) : IClassFixture<SamplesProjectFixture>
{
    private string Dll => samples.AssemblyPath;

    [Fact]
    public void Building_from_the_project_compiles_it_and_builds_the_chosen_image()
    {
        ProcessResult build = samples.ProjectBuild;

        ToolProcess.Digest(build);
        Assert.Contains($"building {SamplesProjectFixture.Project} (Release)", build.StandardError);
        Assert.Contains("3 images (hello-labelled, hello-minimal, hello-services)", build.StandardError);
        Assert.Contains("image hello-minimal (ImageDsl.Samples.HelloMinimal)", build.StandardError);
        // hello-minimal.lock.json is an AdditionalFile of the project: the image is built from the plan compiled from it.
        Assert.Contains("building from the compiled plan (hello-minimal.lock.json, 4 pinned packages; no resolving)", build.StandardError);
        Assert.True(File.Exists(samples.ProjectTar));
        Assert.True(File.Exists(Dll), $"msbuild named {Dll}");
    }

    [Fact]
    public void The_project_image_and_its_exported_yaml_build_to_the_same_bytes()
    {
        string yaml = samples.Temp.Combine("hello-minimal.yaml");
        ProcessResult export = samples.Run("export", "--project", Dll, "--image", "hello-minimal", "-o", yaml);
        Assert.True(export.ExitCode == 0, export.ToString());
        string yamlTar = samples.Temp.Combine("from-yaml.tar");

        ProcessResult fromYaml = samples.Run("build", yaml, "hello:latest", yamlTar);

        Assert.Equal(ToolProcess.Digest(samples.ProjectBuild), ToolProcess.Digest(fromYaml));
        Assert.True(File.ReadAllBytes(samples.ProjectTar).AsSpan().SequenceEqual(File.ReadAllBytes(yamlTar)), "the two image tars differ");
    }

    [Theory]
    [InlineData("hello-services")]
    [InlineData("hello-labelled")]
    public void The_other_samples_build_too(string image)
    {
        ProcessResult build = samples.Run("build", "--project", Dll, "--image", image, $"{image}:latest", samples.Temp.Combine(image + ".tar"));

        ToolProcess.Digest(build);
        Assert.DoesNotContain("building", build.StandardError); // a .dll is used as it is
    }

    [Fact]
    public void The_service_sample_runs_s6_and_gets_the_stand_in_package()
    {
        ProcessResult export = samples.Run("export", "--project", Dll, "--image", "hello-services");
        Assert.True(export.ExitCode == 0, export.ToString());
        var loaded = Config.ConfigurationLoader.Parse(export.StandardOutput, "hello-services.yaml");

        Assert.Equal("/bin/s6-svscan /sv", loaded.Configuration.Entrypoint!.Command);
        Assert.Equal(["hello-world", "s6"], loaded.Configuration.Contents.Packages);
        Assert.Equal(["greeter", "motd"], loaded.Configuration.Entrypoint.Services.Select(s => s.Key));
        Assert.DoesNotContain("s6", export.StandardOutput); // exported as declared; the build derives it
    }

    [Fact]
    public void The_derived_sample_inherits_from_the_minimal_image()
    {
        ProcessResult export = samples.Run("export", "--project", Dll, "--image", "hello-labelled");
        Assert.True(export.ExitCode == 0, export.ToString());
        ImageConfiguration labelled = Config.ConfigurationLoader.Parse(export.StandardOutput, "hello-labelled.yaml").Configuration;

        Assert.Equal("hello", labelled.Accounts!.RunAs);
        Assert.Equal("/usr/bin/hello", labelled.Entrypoint!.Command);
        Assert.Equal(["samples/repo"], labelled.Contents.Repositories);
        Assert.Equal("hello from a derived image", labelled.Environment["GREETING"]);
        Assert.Equal("ImageDsl samples", labelled.Annotations["org.opencontainers.image.vendor"]);
        Assert.Equal(["/home/hello/data"], labelled.Volumes);
    }

    [Fact]
    public void Export_without_an_image_lists_the_names()
    {
        ProcessResult export = samples.Run("export", "--project", Dll);

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("declares 3 images: hello-labelled, hello-minimal, hello-services", export.StandardError);
        Assert.Contains("--image", export.StandardError);
        Assert.Equal("", export.StandardOutput);
    }

    [Fact]
    public void Export_to_a_folder_writes_every_image()
    {
        string folder = samples.Temp.Combine("all");
        Directory.CreateDirectory(folder);

        ProcessResult export = samples.Run("export", "--project", Dll, "-o", folder);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(["hello-labelled.yaml", "hello-minimal.yaml", "hello-services.yaml"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_image_is_a_usage_error_listing_the_names()
    {
        ProcessResult build = samples.Run("build", "--project", Dll, "--image", "hello-maximal", "x:latest", samples.Temp.Combine("x.tar"));

        Assert.Equal(2, build.ExitCode);
        Assert.Contains("declares no image 'hello-maximal'; its images are: hello-labelled, hello-minimal, hello-services", build.StandardError);
        Assert.False(File.Exists(samples.Temp.Combine("x.tar")));
    }

    [Fact]
    public void A_c_sharp_image_is_locked_by_name_and_builds_the_same_from_its_lock()
    {
        string lockPath = samples.Temp.Combine("hello-minimal.lock.json");
        ProcessResult locked = samples.Run("lock", "--project", Dll, "--image", "hello-minimal", "--output", lockPath);
        Assert.True(locked.ExitCode == 0, locked.ToString());
        Assert.Contains("\"name\": \"hello-minimal\"", File.ReadAllText(lockPath));

        ProcessResult packages = samples.Run("show-packages", "--project", Dll, "--image", "hello-minimal", "--arch", "amd64", "--lockfile", lockPath);
        Assert.True(packages.ExitCode == 0, packages.ToString());
        Assert.Contains("hello-world 1.0.0-r0", packages.StandardOutput);

        ProcessResult plain = samples.Run("build", "--project", Dll, "--image", "hello-minimal", "h:1", samples.Temp.Combine("plain.tar"));
        ProcessResult pinned = samples.Run("build", "--project", Dll, "--image", "hello-minimal", "h:1", samples.Temp.Combine("pinned.tar"), "--lockfile", lockPath);
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.Equal(plain.StandardOutput, pinned.StandardOutput);
    }
}
