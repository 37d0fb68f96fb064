using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build-cpio &lt;config&gt; &lt;out.cpio&gt;`: apko's initramfs output, one architecture as a newc cpio.</summary>
internal static class BuildCpioCommand
{
    public static Command Create()
    {
        var config = new ConfigurationOptions();
        var build = new BuildOptions();
        var output = new Argument<string>("output") { Description = "The cpio file to write (newc format, uncompressed, as apko writes it)." };
        var buildArch = new Option<string?>("--build-arch") { Description = "The architecture to build (default: this machine's); config archs are ignored." };
        var command = new Command("build-cpio",
            "Build a newc cpio of the image's filesystem, e.g. an initramfs for a kernel or a VM.\n\n" +
            "Example:\n  dotnet image build-cpio samples/hello/hello.yaml initramfs.cpio --build-arch amd64");
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
                progress.Warning($"build-cpio builds {arch} only; the configuration's archs ({string.Join(", ", loaded.Configuration.Archs)}) are ignored");
            }
            BuildRequest request = build.ToRequest(parse, loaded, progress) with { Archs = [arch] };
            using BuiltImage image = await ImageBuilder.BuildAsync(request, cancel);
            string target = parse.GetValue(output)!;
            BuildOutputs.WriteCpio(image, target, cancel);
            progress.Step(Progress.BuildStage.Write, $"wrote {target} ({arch})");
            return 0;
        });
        return command;
    }
}
