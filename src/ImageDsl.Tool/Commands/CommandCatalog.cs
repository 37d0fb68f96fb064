using System.CommandLine;

namespace ImageDsl.Tool.Commands;

/// <summary>Every `dotnet image` command, in help order. Each command lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ShowConfigCommand.Create();
        yield return SchemaCommand.Create();
        yield return KeygenCommand.Create();
        yield return PackCommand.Create();
        yield return IndexCommand.Create();
        yield return LoginCommand.Create();
        yield return BuildCommand.Create();
        yield return PublishCommand.Create();
        yield return BuildMinirootfsCommand.Create();
        yield return BuildCpioCommand.Create();
        yield return ImportCommand.Create();
        yield return ExportCommand.Create();
        yield return ShowPackagesCommand.Create();
        yield return LockCommand.Create();
        yield return CatalogCommand.Create();
        yield return DotCommand.Create();
        yield return ExplainCommand.Create();
        yield return InstallKeysCommand.Create();
        yield return CleanCommand.Create();
        yield return VersionCommand.Create();
    }
}
