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
            // A C# image's lock goes to <image name>.lock.json in its project's folder: the name and place its
            // analyzers and build plan look for (the working directory for a built .dll).
            string target = parse.GetValue(output) ?? DefaultOutput(loaded, configPath);
            IReadOnlyList<Architecture> archs = options.Archs(parse, loaded.Configuration);
            ApkExtras extras = options.Extras(parse);
            using var client = new RepositoryClient(options.ClientOptions(parse, stderr));
            var (resolution, fromBase, basePin) = await Build.BaseAwareResolver.ResolveWithBaseAsync(loaded.Configuration, ApkInputs.From(loaded.Configuration, extras), archs, client, cancellationToken, options.PushOptions(parse));
            // For a C# image, the declared packages too, so the compiler can tell when the lock no longer matches them (IMG0044).
            IReadOnlyList<string>? world = loaded.FromProject ? Projects.DerivedValues.Remove(loaded.Configuration).Contents.Packages : null;
            LockFile lockFile = await LockFileBuilder.BuildAsync(configPath, loaded.Checksum, loaded.Configuration, extras, resolution, client, cancellationToken, fromBase, world);
            // A registry base image is pinned by the digest its reference resolved to now.
            lockFile = basePin is null ? lockFile : lockFile with { Contents = lockFile.Contents with { BaseImage = basePin } };
            lockFile.Save(target);
            stderr.WriteLine($"wrote {target}: {lockFile.Contents.Packages.Count} packages for {string.Join(", ", archs)}{(basePin is null ? "" : $"; base image {basePin.Reference} pinned to {basePin.Digest}")}");
            return 0;
        });
        return command;
    }

    /// <summary>`&lt;config without extension&gt;.lock.json`; for a C# image `&lt;image name&gt;.lock.json`, in its project's folder when known.</summary>
    private static string DefaultOutput(ConfigFile loaded, string configPath)
    {
        if (!loaded.FromProject)
        {
            return Path.ChangeExtension(configPath, null) + ".lock.json";
        }
        // The image name becomes a file name: refuse one that would leave the folder.
        if (!Rules.ImageRules.IsValidFileName(configPath))
        {
            throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, $"the image name '{configPath}' cannot be a file name",
                "Give the lock file's path with --output, or rename the image to letters, digits, '_', '-' and '.'.");
        }
        return Path.Combine(loaded.ProjectFolder ?? ".", configPath + ".lock.json");
    }
}
