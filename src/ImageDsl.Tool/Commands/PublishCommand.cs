using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Oci;
using ImageDsl.Oci.Engine;
using ImageDsl.Oci.Registry;
using ImageDsl.Progress;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image publish &lt;config&gt; &lt;tag&gt;...`: build exactly like `build`, then push to a registry.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var source = new ImageSourceOptions(wordsFollow: true, layerFormat: true);
        var build = new BuildOptions();
        var tags = new Argument<string[]>("tag")
        {
            Description = "One or more references to push to, e.g. registry.example.com/team/app:1.0.",
            // At least one, checked after parsing: with --project the config argument is left out and the words shift.
            Arity = ArgumentArity.ZeroOrMore,
        };
        var imageRefs = new Option<string?>("--image-refs") { Description = "Write the per-arch and index references here, one per line." };
        var local = new Option<bool>("--local")
        {
            Description = "Load the image into the local Docker or Podman engine instead of pushing (the host's architecture, else the first built); " +
                "its socket is DOCKER_HOST (unix://), else /var/run/docker.sock or Podman's.",
        };
        var command = new Command("publish",
            "Build an image and push it (per-arch manifests, then the index to every tag) to an OCI registry. " +
            "Prints <repo>@sha256:<index digest>. Credentials come from docker's config.json (see `login`).\n\n" +
            "Example:\n  dotnet image publish samples/hello/hello.yaml registry.example.com/hello:latest registry.example.com/hello:1.0\n" +
            "  dotnet image publish --project samples/ImageDsl.Samples --image hello-minimal registry.example.com/hello:latest");
        source.AddTo(command);
        command.Arguments.Add(tags);
        build.AddTo(command);
        build.AddLayerOptionsTo(command);
        command.Options.Add(imageRefs);
        command.Options.Add(local);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var progress = Reporting.Create(parse);
            IReadOnlyList<string> words = source.Words(parse, parse.GetValue(tags) ?? []);
            if (words.Count == 0)
            {
                throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, "no tag to publish to",
                    "Give one or more references: dotnet image publish <config> registry.example.com/app:1.0 (with --project, leave out the config).");
            }
            var references = words.Select(ImageReference.Parse).ToList();
            // Before building: no engine socket is a quick, clear error, not one after a long build.
            string? engine = parse.GetValue(local) ? EngineSocket.Find(Environment.GetEnvironmentVariable) : null;
            ImageSource loaded = await source.LoadAsync(parse, m => progress.Step(BuildStage.Config, m), parse.InvocationConfiguration.Error.WriteLine, cancellationToken);
            Reporting.Warnings(parse, loaded.Loaded);
            BuildRequest request = build.ToRequest(parse, loaded, progress);
            var sbomFormats = build.ReadSbomFormats(parse);
            using BuiltImage image = await ImageBuilder.BuildAsync(request, cancellationToken);

            if (parse.GetValue(build.SbomPath) is { Length: > 0 } sbomPath && parse.GetValue(build.Sbom))
            {
                BuildOutputs.WriteSboms(image, sbomPath, references[0].ToString(), request.Configuration.VcsUrl, sbomFormats);
            }
            if (engine is not null)
            {
                OciImage chosen = EngineLoader.Choose(image.Index);
                progress.Step(BuildStage.Push, $"loading the {chosen.Architecture} image {chosen.Manifest.Digest} into the engine at {engine}");
                foreach (string said in await EngineLoader.LoadAsync(engine, image.Store, chosen, [.. words], image.TemporaryDirectory, TimeSpan.FromMinutes(10), cancellationToken))
                {
                    progress.Step(BuildStage.Push, said);
                }
                progress.Dispose();
                parse.InvocationConfiguration.Output.WriteLine(words[0]);
                return 0;
            }
            progress.Step(BuildStage.Push, $"pushing {image.Digest} to {string.Join(", ", references)}");
            // Pushed from the build's blob store: one architecture as its manifest (as apko), several as the index.
            string root = image.Index.Images.Count > 1 ? image.Digest : image.Index.Images[0].Manifest.Digest;
            PushResult result = await LayoutPusher.PushAsync(image.Store, root, references, new PushOptions
            {
                InsecureRegistries = request.Registry.InsecureRegistries,
                Log = progress.Debug,
            }, cancellationToken);
            progress.Step(BuildStage.Push, $"pushed: {result.Counters.BlobsUploaded} blobs uploaded, {result.Counters.BlobsExisting} already there, {result.Counters.BlobsMounted} mounted");
            if (parse.GetValue(imageRefs) is { Length: > 0 } refsFile)
            {
                await result.WriteImageRefsAsync(refsFile, cancellationToken);
            }
            progress.Dispose();
            parse.InvocationConfiguration.Output.WriteLine(result.Reference.ToString());
            return 0;
        });
        return command;
    }

}
