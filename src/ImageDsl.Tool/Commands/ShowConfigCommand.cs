using System.CommandLine;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image show-config`: the merged, validated, derived configuration as apko.yaml.</summary>
internal static class ShowConfigCommand
{
    public static Command Create()
    {
        var source = new ImageSourceOptions();
        // Accepted as apko accepts them, so scripts keep working; show-config reads no repository, so they change nothing.
        var repository = new RepositoryOptions();
        var command = new Command("show-config",
            "Print the configuration as it will be built: includes merged, flags applied, validated, and apko's derived " +
            "values filled in (service bundle, home directories). Passwords in repository and key URLs are redacted. " +
            "Reads no network.\n\n" +
            "Example:\n  dotnet image show-config samples/hello/hello.yaml --arch amd64,arm64 -p curl\n" +
            "  dotnet image show-config --project samples/ImageDsl.Samples --image hello-minimal");
        source.AddTo(command);
        command.Options.Add(repository.CacheDir);
        command.Options.Add(repository.Offline);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            LoadedConfiguration loaded = (await source.LoadAsync(parse, _ => { }, stderr.WriteLine, cancellationToken)).Loaded;
            foreach (ConfigurationDiagnostic warning in loaded.Warnings)
            {
                stderr.WriteLine(warning.ToString());
            }
            parse.InvocationConfiguration.Output.Write(ApkoYamlWriter.Write(loaded.Configuration, redactPasswords: true));
            return 0;
        });
        return command;
    }
}
