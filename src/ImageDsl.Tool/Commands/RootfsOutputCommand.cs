using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>
/// The commands that write one architecture's filesystem as a single file instead of an OCI image
/// (`build-minirootfs`, `build-cpio`): the same image source, build flags and `--build-arch`, another writer.
/// </summary>
internal static class RootfsOutputCommand
{
    /// <param name="name">The command's name.</param>
    /// <param name="description">Its help text, examples included.</param>
    /// <param name="outputDescription">What the output argument is.</param>
    /// <param name="write">Writes the built image's filesystem to the output path.</param>
    public static Command Create(string name, string description, string outputDescription, Action<BuiltImage, string, CancellationToken> write)
    {
        var source = new ImageSourceOptions(wordsFollow: true);
        var build = new BuildOptions();
        var output = new Argument<string?>("output")
        {
            Description = outputDescription,
            // Optional only in the grammar: with --project the config argument is left out and the words shift.
            Arity = ArgumentArity.ZeroOrOne,
        };
        var buildArch = new Option<string?>("--build-arch") { Description = "The architecture to build (default: this machine's); config archs are ignored." };
        var command = new Command(name, description);
        source.AddTo(command);
        command.Arguments.Add(output);
        command.Options.Add(buildArch);
        build.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var progress = Reporting.Create(parse);
            IReadOnlyList<string> words = source.Words(parse, [parse.GetValue(output)]);
            if (words.Count > 1)
            {
                source.RefuseConfigWithProject(parse, $"dotnet image {name} --project <dir> [--image <name>] <output>");
            }
            if (words.Count != 1)
            {
                throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, words.Count == 0 ? "the output argument is missing" : $"unexpected argument '{words[1]}'",
                    $"Run `dotnet image {name} <config> <output>`, or with --project <dir> [--image <name>] <output>.");
            }
            ImageSource image = await source.LoadAsync(parse, m => progress.Step(Progress.BuildStage.Config, m), parse.InvocationConfiguration.Error.WriteLine, cancellationToken);
            LoadedConfiguration loaded = image.Loaded;
            Reporting.Warnings(parse, loaded);
            Architecture arch = parse.GetValue(buildArch) is { Length: > 0 } archName ? Architecture.Parse(archName) : Architecture.Host;
            if (!loaded.Configuration.Archs.IsEmpty && !loaded.Configuration.Archs.Contains(arch))
            {
                progress.Warning($"{name} builds {arch} only; the configuration's archs ({string.Join(", ", loaded.Configuration.Archs)}) are ignored");
            }
            BuildRequest request = build.ToRequest(parse, image, progress) with { Archs = [arch] };
            using BuiltImage built = await ImageBuilder.BuildAsync(request, cancellationToken);
            string target = words[0];
            write(built, target, cancellationToken);
            progress.Step(Progress.BuildStage.Write, $"wrote {target} ({arch})");
            return 0;
        });
        return command;
    }
}
