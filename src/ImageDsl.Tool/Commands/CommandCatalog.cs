using System.CommandLine;

namespace ImageDsl.Tool.Commands;

/// <summary>Every `dotnet image` command, in help order. Each command lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InstallKeysCommand.Create();
        yield return CleanCommand.Create();
        yield return VersionCommand.Create();
        yield return ProgressDemoCommand.Create();
    }
}
