using System.CommandLine;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// The download cache folder and its `--cache-dir` option. Default: `$XDG_CACHE_HOME/imagedsl`, else
/// `~/.cache/imagedsl` (apko uses `~/.cache/dev.chainguard.go-apk`; our cache layout differs, so we do
/// not share its folder). The engine's `RepositoryCache.DefaultRoot()` follows the same rule.
/// </summary>
internal static class CacheDirectory
{
    /// <summary>The default cache folder for this user.</summary>
    public static string Default() => ImageDsl.Apk.Repositories.RepositoryCache.DefaultRoot();

    /// <summary>A new `--cache-dir` option (null value = <see cref="Default"/>).</summary>
    public static Option<string?> CreateOption() => new("--cache-dir")
    {
        Description = "Folder for downloaded indexes and packages (default: $XDG_CACHE_HOME/imagedsl or ~/.cache/imagedsl).",
        HelpName = "dir",
    };

    /// <summary>The folder the option names, made absolute, or the default.</summary>
    public static string Resolve(string? value) => Path.GetFullPath(string.IsNullOrEmpty(value) ? Default() : value);
}
