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
        var source = new ImageSourceOptions(wordsFollow: true, layerFormat: true);
        var build = new BuildOptions();
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
        source.AddTo(command);
        command.Arguments.Add(tag);
        command.Arguments.Add(output);
        build.AddTo(command);
        build.AddLayerOptionsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var progress = Reporting.Create(parse);
            var sbomFormats = build.ReadSbomFormats(parse);
            var (image, reference, target) = await LoadAsync(parse, source, tag, output, progress, cancellationToken);
            Reporting.Warnings(parse, image.Loaded);
            BuildRequest request = build.ToRequest(parse, image, progress);
            using BuiltImage built = await ImageBuilder.BuildAsync(request, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            string kind = BuildOutputs.WriteImage(built, target, reference);
            progress.Step(Progress.BuildStage.Write, $"wrote {(kind == "layout" ? "OCI layout" : "image tar")} {target}: {built.Digest}");
            if (parse.GetValue(build.Sbom))
            {
                string sbomDirectory = parse.GetValue(build.SbomPath) is { Length: > 0 } p ? p : Directory.GetCurrentDirectory();
                foreach (string file in BuildOutputs.WriteSboms(built, sbomDirectory, reference, request.Configuration.VcsUrl, sbomFormats))
                {
                    progress.Step(Progress.BuildStage.Write, $"wrote SBOM {file}");
                }
            }
            progress.Dispose();
            parse.InvocationConfiguration.Output.WriteLine(built.Digest);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The image, tag and output: from the config file (`build &lt;config&gt; &lt;tag&gt; &lt;output&gt;`), or from
    /// a C# image (`build --project &lt;dir&gt; [--image name] &lt;tag&gt; &lt;output&gt;`).
    /// </summary>
    private static async Task<(ImageSource Source, string Tag, string Output)> LoadAsync(ParseResult parse, ImageSourceOptions source,
        Argument<string> tag, Argument<string> output, Progress.IBuildProgress progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> words = source.Words(parse, [parse.GetValue(tag), parse.GetValue(output)]);
        if (words.Count > 2)
        {
            source.RefuseConfigWithProject(parse, "dotnet image build --project <dir> [--image <name>] <tag> <output>");
        }
        if (words.Count != 2)
        {
            throw new ImageDslException(ErrorKind.Configuration, words.Count < 2 ? "the output argument is missing" : $"unexpected argument '{words[2]}'",
                source.FromProject(parse)
                    ? "With --project give only the tag and the output: dotnet image build --project <dir> [--image <name>] <tag> <output>."
                    : "Run `dotnet image build <config> <tag> <output>`, e.g. dotnet image build samples/hello/hello.yaml hello:latest hello.tar.");
        }
        ImageSource image = await source.LoadAsync(parse, m => progress.Step(Progress.BuildStage.Config, m), parse.InvocationConfiguration.Error.WriteLine, cancellationToken);
        return (image, words[0], words[1]);
    }
}
