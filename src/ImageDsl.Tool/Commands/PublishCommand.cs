using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Oci.Registry;
using ImageDsl.Progress;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image publish &lt;config&gt; &lt;tag&gt;...`: build exactly like `build`, then push to a registry.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var config = new ConfigurationOptions();
        var build = new BuildOptions();
        var tags = new Argument<string[]>("tag") { Description = "One or more references to push to, e.g. registry.example.com/team/app:1.0.", Arity = ArgumentArity.OneOrMore };
        var imageRefs = new Option<string?>("--image-refs") { Description = "Write the per-arch and index references here, one per line." };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Registries (host:port) that may be reached over plain HTTP; loopback always may." };
        var command = new Command("publish",
            "Build an image and push it (per-arch manifests, then the index to every tag) to an OCI registry. " +
            "Prints <repo>@sha256:<index digest>. Credentials come from docker's config.json (see `login`).\n\n" +
            "Example:\n  dotnet image publish samples/hello/hello.yaml registry.example.com/hello:latest registry.example.com/hello:1.0");
        config.AddTo(command);
        command.Arguments.Add(tags);
        build.AddTo(command);
        build.AddLayerOptionsTo(command);
        command.Options.Add(imageRefs);
        command.Options.Add(insecure);
        command.SetAction(async (parse, cancel) =>
        {
            using var progress = Reporting.Create(parse);
            var references = (parse.GetValue(tags) ?? []).Select(ImageReference.Parse).ToList();
            LoadedConfiguration loaded = ConfigurationLoader.Load(parse.GetValue(config.Config)!, config.ToLoadOptions(parse));
            Reporting.Warnings(parse, loaded);
            BuildRequest request = build.ToRequest(parse, loaded, progress);
            using BuiltImage image = await ImageBuilder.BuildAsync(request, cancel);

            string layout = Path.Combine(image.TemporaryDirectory, "layout");
            Directory.CreateDirectory(layout);
            BuildOutputs.WriteImage(image, layout, references[0].ToString());
            if (parse.GetValue(build.SbomPath) is { Length: > 0 } sbomPath && parse.GetValue(build.Sbom))
            {
                BuildOutputs.WriteSboms(image, sbomPath, references[0].ToString(), request.Configuration.VcsUrl);
            }
            progress.Step(BuildStage.Push, $"pushing {image.Digest} to {string.Join(", ", references)}");
            PushResult result = await LayoutPusher.PushAsync(layout, references, new PushOptions
            {
                InsecureRegistries = OptionValues.Split(parse.GetValue(insecure)),
                Log = progress.Debug,
            }, cancel);
            progress.Step(BuildStage.Push, $"pushed: {result.Counters.BlobsUploaded} blobs uploaded, {result.Counters.BlobsExisting} already there, {result.Counters.BlobsMounted} mounted");
            if (parse.GetValue(imageRefs) is { Length: > 0 } refsFile)
            {
                await result.WriteImageRefsAsync(refsFile, cancel);
            }
            progress.Dispose();
            parse.InvocationConfiguration.Output.WriteLine(result.Reference.ToString());
            return 0;
        });
        return command;
    }

}
