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
        var config = new ConfigurationOptions();
        var build = new BuildOptions();
        var output = new Argument<string>("output") { Description = "The tarball to write; gzip-compressed when it ends in .gz." };
        var buildArch = new Option<string?>("--build-arch") { Description = "The architecture to build (default: this machine's); config archs are ignored." };
        var command = new Command("build-minirootfs",
            "Build a root filesystem tarball (one layer, no OCI metadata), e.g. to ADD into a Dockerfile stage.\n\n" +
            "Example:\n  dotnet image build-minirootfs samples/hello/hello.yaml rootfs.tar.gz --build-arch arm64");
        config.AddTo(command);
        command.Arguments.Add(output);
        command.Options.Add(buildArch);
        build.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var progress = Reporting.Create(parse);
            LoadedConfiguration loaded = ConfigurationLoader.Load(parse.GetValue(config.Config)!, config.ToLoadOptions(parse));
            Reporting.Warnings(parse, loaded);
            Architecture arch = parse.GetValue(buildArch) is { Length: > 0 } name ? Architecture.Parse(name) : Architecture.Host;
            if (!loaded.Configuration.Archs.IsEmpty && !loaded.Configuration.Archs.Contains(arch))
            {
                progress.Warning($"build-minirootfs builds {arch} only; the configuration's archs ({string.Join(", ", loaded.Configuration.Archs)}) are ignored");
            }
            BuildRequest request = build.ToRequest(parse, loaded, progress) with { Archs = [arch] };
            using BuiltImage image = await ImageBuilder.BuildAsync(request, cancel);
            string target = parse.GetValue(output)!;
            BuildOutputs.WriteRootfs(image, target);
            progress.Step(Progress.BuildStage.Write, $"wrote {target} ({arch})");
            return 0;
        });
        return command;
    }
}
