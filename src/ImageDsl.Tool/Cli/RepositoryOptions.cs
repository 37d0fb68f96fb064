using System.CommandLine;
using ImageDsl.Apk.Repositories;

namespace ImageDsl.Tool.Cli;

/// <summary>apko's repository flags (`--cache-dir --offline --ignore-signatures`), for every command that reads repositories.</summary>
internal sealed class RepositoryOptions
{
    public Option<string?> CacheDir { get; } = CacheDirectory.CreateOption();

    public Option<bool> Offline { get; } = new("--offline") { Description = "Use only the cache, never the network; fail listing what is missing." };

    public Option<bool> IgnoreSignatures { get; } = new("--ignore-signatures") { Description = "Do not verify index and package signatures (not recommended; a warning is printed)." };

    public void AddTo(Command command)
    {
        command.Options.Add(CacheDir);
        command.Options.Add(Offline);
        command.Options.Add(IgnoreSignatures);
    }

    /// <summary>Repository client settings from the flags; warnings go to <paramref name="warn"/>.</summary>
    public RepositoryClientOptions ToClientOptions(ParseResult parse, Action<string> warn)
    {
        bool ignore = parse.GetValue(IgnoreSignatures);
        if (ignore)
        {
            warn("--ignore-signatures: index and package signatures are NOT verified");
        }
        return new RepositoryClientOptions
        {
            CacheDirectory = CacheDirectory.Resolve(parse.GetValue(CacheDir)),
            Offline = parse.GetValue(Offline),
            IgnoreSignatures = ignore,
            Warn = warn,
        };
    }
}
