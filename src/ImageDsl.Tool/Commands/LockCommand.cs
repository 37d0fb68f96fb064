using System.CommandLine;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image lock`: resolves every arch and writes apko's lock file (v1).</summary>
internal static class LockCommand
{
    public static Command Create(ConfigurationSource? source = null)
    {
        var options = new ApkCommandOptions();
        var output = new Option<string?>("--output") { Description = "The lock file to write (default: <config without extension>.lock.json)." };
        var command = new Command("lock",
            "Resolve the configuration for every arch and write a lock file pinning each package by version, URL, " +
            "byte ranges and checksums (apko's lock format v1). Packages are downloaded to measure them.\n\n" +
            "Example:\n  dotnet image lock apko.yaml --arch amd64,arm64 --output apko.lock.json\n" +
            "  dotnet image lock --project samples/ImageDsl.Samples --image hello-minimal");
        options.AddTo(command);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            ConfigFile loaded = await options.LoadAsync(source, parse, cancellationToken);
            string configPath = loaded.Name!;
            // A C# image's lock goes to <image name>.lock.json: the name its analyzer looks for.
            string target = parse.GetValue(output) ?? Path.ChangeExtension(configPath, null) + ".lock.json";
            IReadOnlyList<Architecture> archs = options.Archs(parse, loaded.Configuration);
            ApkExtras extras = options.Extras(parse);
            using var client = new RepositoryClient(options.ClientOptions(parse, stderr));
            var (resolution, fromBase, basePin) = await Build.BaseAwareResolver.ResolveWithBaseAsync(loaded.Configuration, ApkInputs.From(loaded.Configuration, extras), archs, client, cancellationToken);
            LockFile lockFile = await LockFileBuilder.BuildAsync(configPath, loaded.Checksum, loaded.Configuration, extras, resolution, client, cancellationToken, fromBase);
            // A registry base image is pinned by the digest its reference resolved to now.
            lockFile = basePin is null ? lockFile : lockFile with { Contents = lockFile.Contents with { BaseImage = basePin } };
            lockFile.Save(target);
            stderr.WriteLine($"wrote {target}: {lockFile.Contents.Packages.Count} packages for {string.Join(", ", archs)}{(basePin is null ? "" : $"; base image {basePin.Reference} pinned to {basePin.Digest}")}");
            return 0;
        });
        return command;
    }
}
