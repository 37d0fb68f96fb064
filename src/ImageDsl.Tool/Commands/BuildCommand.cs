using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build &lt;config&gt; &lt;tag&gt; &lt;output&gt;`: apko's build.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var config = new ConfigurationOptions();
        var build = new BuildOptions();
        var tag = new Argument<string>("tag") { Description = "The image reference to record, e.g. hello:latest." };
        var output = new Argument<string>("output") { Description = "An existing directory gets an OCI layout; anything else a tar file (docker load-able and an OCI archive)." };
        var command = new Command("build",
            "Build an image from a configuration: resolve, fetch and verify packages, assemble the filesystem, and write " +
            "layers, the OCI image index and SBOMs.\n\n" +
            "Example:\n  dotnet image build samples/hello/hello.yaml hello:latest hello.tar");
        config.AddTo(command);
        command.Arguments.Add(tag);
        command.Arguments.Add(output);
        build.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var progress = Reporting.Create(parse);
            LoadedConfiguration loaded = ConfigurationLoader.Load(parse.GetValue(config.Config)!, config.ToLoadOptions(parse));
            Reporting.Warnings(parse, loaded);
            string reference = parse.GetValue(tag)!;
            string target = parse.GetValue(output)!;
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
}
