using System.Text.RegularExpressions;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Projects;

/// <summary>A built images project: its output assembly and the warnings the build printed.</summary>
/// <param name="AssemblyPath">The full path of the project's output assembly.</param>
/// <param name="Warnings">Compiler warnings from the ImageDsl analyzers (IMGnnnn), as the compiler printed them.</param>
internal sealed record BuiltProject(string AssemblyPath, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds a C# images project with the SDK (`dotnet build -c Release`) and asks MSBuild where the
/// assembly went (`dotnet msbuild -getProperty:TargetPath`). An assembly path is taken as already built.
/// </summary>
internal static partial class ProjectBuilder
{
    public const string Configuration = "Release";

    private const string BuildHint =
        "Fix the errors above (IMG diagnostics are explained in docs/diagnostics.md); `dotnet build <project>` shows the whole log.";

    /// <summary>
    /// Builds <paramref name="project"/> (a folder holding one project, a project file, or an already built
    /// .dll, which is used as it is) and returns the output assembly.
    /// </summary>
    /// <exception cref="ImageDslException">The path does not exist, or the build fails (exit 2, with the compiler's errors).</exception>
    public static async Task<BuiltProject> BuildAsync(string project, string? framework, Action<string> step, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(project);
        if (File.Exists(full) && full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new BuiltProject(full, []);
        }
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"--project '{project}' is neither a folder nor a file ({full})",
                "Give the folder of the C# project that declares the images, its .csproj, or its built .dll.");
        }
        string workingDirectory = Directory.GetCurrentDirectory();

        string[] frameworkArguments = framework is null ? [] : ["-f", framework];
        step($"building {project} ({Configuration}{(framework is null ? "" : ", " + framework)})");
        DotnetResult build = await DotnetCli.RunAsync(
            ["build", full, "-c", Configuration, .. frameworkArguments, "-nologo", "-v:quiet", "-tl:off", "-clp:NoSummary"], workingDirectory, cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"building the project '{project}' failed:\n" + Problems(build), BuildHint);
        }

        DotnetResult query = await DotnetCli.RunAsync(
            ["msbuild", full, "-getProperty:TargetPath", $"-p:Configuration={Configuration}",
                .. (framework is null ? Array.Empty<string>() : [$"-p:TargetFramework={framework}"]), "-nologo"], workingDirectory, cancellationToken);
        string? targetPath = query.Lines.LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        if (query.ExitCode != 0 || string.IsNullOrEmpty(targetPath))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"cannot tell where the project '{project}' writes its assembly (MSBuild's TargetPath is empty){Indented(query.Lines)}",
                framework is null
                    ? "A project with several TargetFrameworks needs one chosen: add --framework <tfm> (e.g. --framework net10.0)."
                    : $"Check that the project targets {framework}, or build it yourself and pass the .dll to --project.");
        }
        if (!File.Exists(targetPath))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"the project '{project}' built, but its assembly {targetPath} is missing",
                "Build it yourself and pass the .dll to --project.");
        }
        return new BuiltProject(targetPath, AnalyzerWarnings(build.Lines));
    }

    /// <summary>
    /// The compiler's error lines and the analyzers' warnings (once each, without MSBuild's " [project]"
    /// suffix); the tail of the log when there is no error line.
    /// </summary>
    private static string Problems(DotnetResult build)
    {
        string[] errors = build.Lines.Where(l => ErrorLine().IsMatch(l)).Select(WithoutProject).Distinct().ToArray();
        IEnumerable<string> shown = errors.Length > 0
            ? errors.Concat(AnalyzerWarnings(build.Lines))
            : build.Lines.Where(l => l.Trim().Length > 0).TakeLast(20);
        return string.Join('\n', shown.Select(l => "  " + l.Trim()));
    }

    private static IReadOnlyList<string> AnalyzerWarnings(IEnumerable<string> lines) =>
        lines.Where(l => AnalyzerWarningLine().IsMatch(l)).Select(l => WithoutProject(l).Trim()).Distinct().ToArray();

    private static string WithoutProject(string line) => ProjectSuffix().Replace(line, "");

    private static string Indented(IEnumerable<string> lines) =>
        string.Concat(lines.Where(l => l.Trim().Length > 0).Select(l => "\n  " + l.Trim()));

    [GeneratedRegex(@":\s*error\s+[A-Za-z]+[0-9]+\s*:|\berror\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@":\s*warning\s+IMG[0-9]{4}\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex AnalyzerWarningLine();

    [GeneratedRegex(@"\s+\[[^\[\]]+\.(cs|vb|fs)proj(::[^\]]*)?\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectSuffix();
}
