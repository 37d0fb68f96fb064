using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build-minirootfs &lt;config&gt; &lt;out.tar[.gz]&gt;`: the root filesystem of one architecture as a tarball.</summary>
internal static class BuildMinirootfsCommand
{
    public static Command Create()
    {
        var source = new ImageSourceOptions(wordsFollow: true);
        var build = new BuildOptions();
        var output = new Argument<string?>("output")
        {
            Description = "The tarball to write; gzip-compressed when it ends in .gz.",
            // Optional only in the grammar: with --project the config argument is left out and the words shift.
            Arity = ArgumentArity.ZeroOrOne,
        };
        var buildArch = new Option<string?>("--build-arch") { Description = "The architecture to build (default: this machine's); config archs are ignored." };
        var command = new Command("build-minirootfs",
            "Build a root filesystem tarball (one layer, no OCI metadata), e.g. to ADD into a Dockerfile stage.\n\n" +
            "Example:\n  dotnet image build-minirootfs samples/hello/hello.yaml rootfs.tar.gz --build-arch arm64\n" +
            "  dotnet image build-minirootfs --project samples/ImageDsl.Samples --image hello-minimal rootfs.tar.gz");
        source.AddTo(command);
        command.Arguments.Add(output);
        command.Options.Add(buildArch);
        build.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var progress = Reporting.Create(parse);
            IReadOnlyList<string> words = source.Words(parse, [parse.GetValue(output)]);
            if (words.Count > 1)
            {
                source.RefuseConfigWithProject(parse, "dotnet image build-minirootfs --project <dir> [--image <name>] <out.tar[.gz]>");
            }
            if (words.Count != 1)
            {
                throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, words.Count == 0 ? "the output argument is missing" : $"unexpected argument '{words[1]}'",
                    "Run `dotnet image build-minirootfs <config> <out.tar[.gz]>`, or with --project <dir> [--image <name>] <out.tar[.gz]>.");
            }
            ImageSource image = await source.LoadAsync(parse, m => progress.Step(Progress.BuildStage.Config, m), parse.InvocationConfiguration.Error.WriteLine, cancel);
            LoadedConfiguration loaded = image.Loaded;
            Reporting.Warnings(parse, loaded);
            Architecture arch = parse.GetValue(buildArch) is { Length: > 0 } name ? Architecture.Parse(name) : Architecture.Host;
            if (!loaded.Configuration.Archs.IsEmpty && !loaded.Configuration.Archs.Contains(arch))
            {
                progress.Warning($"build-minirootfs builds {arch} only; the configuration's archs ({string.Join(", ", loaded.Configuration.Archs)}) are ignored");
            }
            BuildRequest request = build.ToRequest(parse, image, progress) with { Archs = [arch] };
            using BuiltImage built = await ImageBuilder.BuildAsync(request, cancel);
            string target = words[0];
            BuildOutputs.WriteRootfs(built, target);
            progress.Step(Progress.BuildStage.Write, $"wrote {target} ({arch})");
            return 0;
        });
        return command;
    }
}
