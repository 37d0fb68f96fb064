using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build &lt;config&gt; &lt;tag&gt; &lt;output&gt;`: apko's build.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var config = new ConfigurationOptions();
        var build = new BuildOptions();
        var project = new ProjectOptions();
        config.Config.Description += " Left out with --project.";
        var tag = new Argument<string>("tag") { Description = "The image reference to record, e.g. hello:latest." };
        var output = new Argument<string>("output")
        {
            Description = "An existing directory gets an OCI layout; anything else a tar file (docker load-able and an OCI archive).",
            // Optional only in the grammar: with --project the config argument is left out and the words shift.
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("build",
            "Build an image from a configuration: resolve, fetch and verify packages, assemble the filesystem, and write " +
            "layers, the OCI image index and SBOMs.\n\n" +
            "Example:\n  dotnet image build samples/hello/hello.yaml hello:latest hello.tar\n" +
            "  dotnet image build --project samples/ImageDsl.Samples --image hello-minimal hello:latest hello.tar");
        config.AddTo(command);
        command.Arguments.Add(tag);
        command.Arguments.Add(output);
        build.AddTo(command);
        build.AddLayerOptionsTo(command);
        project.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var progress = Reporting.Create(parse);
            var (loaded, reference, target) = await LoadAsync(parse, config, project, tag, output, progress, cancel);
            Reporting.Warnings(parse, loaded);
            BuildRequest request = build.ToRequest(parse, loaded, progress);
            using BuiltImage image = await ImageBuilder.BuildAsync(request, cancel);
            cancel.ThrowIfCancellationRequested();
            string kind = BuildOutputs.WriteImage(image, target, reference);
            progress.Step(Progress.BuildStage.Write, $"wrote {(kind == "layout" ? "OCI layout" : "image tar")} {target}: {image.Digest}");
            if (parse.GetValue(build.Sbom))
            {
                string sbomDirectory = parse.GetValue(build.SbomPath) is { Length: > 0 } p ? p : Directory.GetCurrentDirectory();
                foreach (string file in BuildOutputs.WriteSboms(image, sbomDirectory, reference, request.Configuration.VcsUrl))
                {
                    progress.Step(Progress.BuildStage.Write, $"wrote SBOM {file}");
                }
            }
            progress.Dispose();
            parse.InvocationConfiguration.Output.WriteLine(image.Digest);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The configuration, tag and output: from the config file (`build &lt;config&gt; &lt;tag&gt; &lt;output&gt;`), or from
    /// a C# image (`build --project &lt;dir&gt; [--image name] &lt;tag&gt; &lt;output&gt;`).
    /// </summary>
    private static async Task<(LoadedConfiguration Loaded, string Tag, string Output)> LoadAsync(ParseResult parse, ConfigurationOptions config,
        ProjectOptions project, Argument<string> tag, Argument<string> output, Progress.IBuildProgress progress, CancellationToken cancel)
    {
        string first = parse.GetValue(config.Config)!;
        string second = parse.GetValue(tag)!;
        string? third = parse.GetValue(output);
        if (parse.GetValue(project.Project) is not { } projectPath)
        {
            if (parse.GetValue(project.Image) is not null)
            {
                throw new ImageDslException(ErrorKind.Configuration, "--image selects an image of a C# project, but no --project is given",
                    "Add --project <dir>, or leave out --image when building an apko.yaml.");
            }
            if (third is null)
            {
                throw new ImageDslException(ErrorKind.Configuration, "the output argument is missing",
                    "Run `dotnet image build <config> <tag> <output>`, e.g. dotnet image build samples/hello/hello.yaml hello:latest hello.tar.");
            }
            return (ConfigurationLoader.Load(first, config.ToLoadOptions(parse)), second, third);
        }
        if (third is not null)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"both a configuration ('{first}') and --project are given",
                "With --project give only the tag and the output: dotnet image build --project <dir> --image <name> <tag> <output>.");
        }
        ProjectImages images = await ProjectImages.LoadAsync(projectPath,
            m => progress.Step(Progress.BuildStage.Config, m), parse.InvocationConfiguration.Error.WriteLine, cancel);
        ProjectImage image = images.Select(parse.GetValue(project.Image));
        progress.Step(Progress.BuildStage.Config, $"image {image.Name} ({image.TypeName})");
        return (ProjectConfiguration.Load(image, projectPath, config.ToLoadOptions(parse)), first, second);
    }
}
