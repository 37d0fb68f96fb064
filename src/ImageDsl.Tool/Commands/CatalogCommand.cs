using System.CommandLine;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Commands;

/// <summary>
/// `dotnet image catalog`: writes a package catalogue (every package of the configured repositories,
/// or of a lock file) that a C# project adds as an AdditionalFile to get one enum member per package.
/// </summary>
internal static class CatalogCommand
{
    public const string DefaultOutput = "packages.catalog";

    public static Command Create(ConfigurationSource? source = null)
    {
        var options = new ApkCommandOptions(baseImages: false);
        var output = new Option<string>("--output", "-o")
        {
            Description = $"The catalogue file to write (default {DefaultOutput}); the C# class is named after it unless --class is given.",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var lockfile = new Option<string?>("--lockfile") { Description = "List the packages of this lock file instead of reading the repositories' indexes." };
        var className = new Option<string?>("--class") { Description = "The C# class name written in the catalogue's header (default: from the file name)." };
        var command = new Command("catalog",
            "Write a package catalogue: name, version, licence, description and provides of every package in the configured " +
            "repositories (each arch; the highest version of a name is kept), or of a lock file. Add it to a C# project as " +
            "<AdditionalFiles Include=\"packages.catalog\" /> to get enum members such as Packages.Nginx.\n\n" +
            "Example:\n  dotnet image catalog apko.yaml -o wolfi.catalog");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(lockfile);
        command.Options.Add(className);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? name = parse.GetValue(className);
            if (name is not null && !IsIdentifier(name))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"--class '{name}' is not a C# class name",
                    "Use letters, digits and '_', starting with a letter, e.g. --class Wolfi.");
            }
            ConfigFile loaded = await options.LoadAsync(source, parse, cancellationToken);
            IReadOnlyList<Architecture> archs = options.Archs(parse, loaded.Configuration);
            var packages = new List<CatalogPackage>();
            string origin;
            if (parse.GetValue(lockfile) is { } lockPath)
            {
                LockFile locked = LockFile.Read(lockPath);
                foreach (Architecture arch in archs)
                {
                    packages.AddRange(locked.PackagesFor(arch.ApkName).Select(p => new CatalogPackage(p.Name, p.Version, "", "", [])));
                }
                origin = Path.GetFileName(lockPath);
            }
            else
            {
                using var client = new RepositoryClient(options.ClientOptions(parse, parse.InvocationConfiguration.Error));
                ApkInputs inputs = ApkInputs.From(loaded.Configuration, options.Extras(parse));
                if (inputs.BuildRepositories.Count == 0)
                {
                    throw new ImageDslException(ErrorKind.Configuration, "no repositories to list packages from",
                        "Add `contents.repositories` to the configuration, pass -r/--repository-append, or give --lockfile.");
                }
                var keyring = new Keyring((await client.LoadKeysAsync(inputs.Keyring, cancellationToken)).Select(k => k.Key));
                foreach (Architecture arch in archs)
                {
                    foreach (ApkIndex index in await client.GetIndexesAsync(inputs.Repositories, arch.ApkName, keyring, cancellationToken))
                    {
                        packages.AddRange(index.Packages.Select(p =>
                            new CatalogPackage(p.Name, p.Version, p.License, p.Description, p.Provides.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList())));
                    }
                }
                origin = string.Join(" ", inputs.BuildRepositories.Select(UrlRedaction.Redact));
            }
            if (packages.Count == 0)
            {
                throw new ImageDslException(ErrorKind.Configuration, "no packages found to write a catalogue of",
                    "Check the repositories and --arch (or the lock file).");
            }
            string text = PackageCatalogWriter.Write(packages, name, origin + " (" + string.Join(", ", archs.Select(a => a.ApkName)) + ")");
            string path = parse.GetValue(output)!;
            TextFileOutput.Write(path, text);
            parse.InvocationConfiguration.Error.WriteLine($"wrote {path}: {text.Split('\n').Count(l => l.Length > 0 && l[0] != '#')} packages");
            return 0;
        });
        return command;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
