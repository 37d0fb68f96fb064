using System.CommandLine;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image explain`: why a package is in the image, or why it cannot be.</summary>
internal static class ExplainCommand
{
    public static Command Create(ConfigurationSource? source = null)
    {
        var options = new ApkCommandOptions(wordsFollow: true);
        var package = new Argument<string?>("package")
        {
            Description = "A package or virtual name, optionally with a version (e.g. musl, so:libssl.so.3, busybox>=1.36).",
            // Optional only in the grammar: with --project the config argument is left out and the words shift.
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain",
            "Explain why a package is in the image (the chain of dependencies from the configuration's packages), " +
            "or why it is not and whether it could be installed.\n\n" +
            "Example:\n  dotnet image explain apko.yaml libssl3 --arch arm64\n" +
            "  dotnet image explain --project samples/ImageDsl.Samples --image hello-minimal busybox");
        options.AddTo(command);
        command.Arguments.Add(package);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            IReadOnlyList<string> words = options.Source.Words(parse, [parse.GetValue(package)]);
            if (words.Count > 1)
            {
                options.Source.RefuseConfigWithProject(parse, "dotnet image explain --project <dir> [--image <name>] <package>");
            }
            if (words.Count != 1)
            {
                throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, words.Count == 0 ? "the package argument is missing" : $"unexpected argument '{words[1]}'",
                    "Run `dotnet image explain <config> <package>`, or `dotnet image explain --project <dir> [--image <name>] <package>`.");
            }
            ConfigFile loaded = await options.LoadAsync(source, parse, cancellationToken);
            IReadOnlyList<Architecture> archs = options.Archs(parse, loaded.Configuration);
            using var client = new RepositoryClient(options.ClientOptions(parse, parse.InvocationConfiguration.Error));
            ApkInputs inputs = ApkInputs.From(loaded.Configuration, options.Extras(parse));
            ImageResolution resolution = await Build.BaseAwareResolver.ResolveAsync(loaded.Configuration, inputs, archs, client, cancellationToken, options.PushOptions(parse));
            string wanted = words[0];
            foreach (Architecture arch in archs)
            {
                stdout.Write(Explain(wanted, arch, resolution));
            }
            return 0;
        });
        return command;
    }

    /// <summary>The explanation for one arch, as printed.</summary>
    public static string Explain(string wanted, Architecture arch, ImageResolution image)
    {
        PackageConstraint constraint = PackageConstraint.Parse(wanted);
        Resolution resolution = image.For(arch);
        PackageRecord? present = resolution.Packages.FirstOrDefault(p =>
            (p.Name == constraint.Name && constraint.IsSatisfiedBy(p.ParsedVersion))
            || p.Provides.Any(v => v.Name == constraint.Name && (!constraint.Version.IsVersioned || constraint.IsSatisfiedBy(v.Version.Version))));
        var text = new System.Text.StringBuilder();
        if (present is not null)
        {
            text.Append($"{present} is in the image for {arch}");
            text.Append(present.Name == constraint.Name ? ":\n" : $" (it provides {constraint.Name}):\n");
            foreach (ResolutionEdge edge in resolution.ChainTo(present))
            {
                text.Append("  ").Append(Describe(edge)).Append('\n');
            }
            return text.ToString();
        }
        try
        {
            IReadOnlyList<Resolution> trial = Resolver.ResolveAll([.. image.Inputs.World, wanted],
                image.Archs.Select((a, i) => (a.ApkName, image.Indexes[i])).ToList());
            Resolution withIt = trial[image.Archs.ToList().IndexOf(arch)];
            PackageRecord? would = withIt.Find(constraint.Name) ?? withIt.Packages.FirstOrDefault(p => p.Provides.Any(v => v.Name == constraint.Name));
            text.Append($"{wanted} is not in the image for {arch}: nothing in the configuration needs it.\n");
            text.Append($"  It can be installed{(would is null ? "" : $" ({would})")}: add it to contents.packages.\n");
        }
        catch (ImageDslException error) when (error.Kind is ErrorKind.Resolution or ErrorKind.Configuration)
        {
            text.Append($"{wanted} cannot be installed for {arch}:\n  ").Append(error.Message.Replace("\n", "\n  ")).Append('\n');
            if (error.Hint is not null)
            {
                text.Append("  hint: ").Append(error.Hint).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Describe(ResolutionEdge edge) => edge.Kind switch
    {
        ResolutionEdgeKind.World => $"world \"{edge.Constraint.Text}\" -> {edge.Package}",
        ResolutionEdgeKind.InstallIf => $"{edge.Parent} is installed, and {edge.Package} has install_if \"{edge.Constraint.Text}\" -> {edge.Package}",
        _ => $"{edge.Parent} needs \"{edge.Constraint.Text}\" -> {edge.Package}",
    };
}
