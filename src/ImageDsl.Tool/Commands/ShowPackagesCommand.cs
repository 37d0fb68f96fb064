using System.CommandLine;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image show-packages`: the packages and versions a configuration would install.</summary>
internal static class ShowPackagesCommand
{
    public static Command Create(ConfigurationSource? source = null)
    {
        var options = new ApkCommandOptions();
        var format = new Option<string>("--format")
        {
            Description = "name-version (default), name-version-source, name=version, name=version-source, name-(version), " +
                "name-(version)-source, packagelock, packagelock-source, or a template using {{ .Name }} {{ .Version }} {{ .Source }}.",
            DefaultValueFactory = _ => "name-version",
        };
        var lockfile = new Option<string?>("--lockfile") { Description = "Show the packages pinned by this lock file instead of resolving." };
        var command = new Command("show-packages",
            "Show the packages and versions a configuration would install, one per line; with several arches, " +
            "each arch's list follows a `packages for <arch>` line.\n\n" +
            "Example:\n  dotnet image show-packages apko.yaml --arch arm64 --format name=version");
        options.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(lockfile);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            PackageListFormat template = PackageListFormat.Parse(parse.GetValue(format)!);
            ConfigFile loaded = await options.LoadAsync(source, parse, cancellationToken);
            string configPath = loaded.Name!;
            IReadOnlyList<Architecture> archs = options.Archs(parse, loaded.Configuration);
            var lines = new List<(Architecture Arch, List<string> Lines)>();
            if (parse.GetValue(lockfile) is { } lockPath)
            {
                LockFile locked = LockFile.Read(lockPath);
                locked.CheckConfiguration(lockPath, configPath, loaded.Checksum, m => stderr.WriteLine("warning: " + m), loaded.Command("lock"));
                foreach (Architecture arch in archs)
                {
                    lines.Add((arch, locked.PackagesFor(arch.ApkName).Select(p => template.Render(p.Name, p.Version, p.Url)).ToList()));
                }
            }
            else
            {
                using var client = new RepositoryClient(options.ClientOptions(parse, stderr));
                ApkInputs inputs = ApkInputs.From(loaded.Configuration, options.Extras(parse));
                ImageResolution resolution = await Build.BaseAwareResolver.ResolveAsync(loaded.Configuration, inputs, archs, client, cancellationToken, options.PushOptions(parse));
                foreach (Architecture arch in archs)
                {
                    lines.Add((arch, resolution.For(arch).Packages.Select(p => template.Render(p.Name, p.Version, UrlRedaction.Redact(p.PackageUrl))).ToList()));
                }
            }
            foreach (var (arch, list) in lines)
            {
                if (lines.Count > 1)
                {
                    stdout.WriteLine($"packages for {arch}");
                }
                foreach (string line in list)
                {
                    stdout.WriteLine(line);
                }
            }
            return 0;
        });
        return command;
    }
}
