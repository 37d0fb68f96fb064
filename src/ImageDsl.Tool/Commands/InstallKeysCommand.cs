using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Commands;

/// <summary>
/// `dotnet image install-keys`: for every repository in `&lt;root&gt;/etc/apk/repositories`, discover its
/// signing keys (Alpine releases.json or Chainguard apk-configuration + JWKS) and write them to
/// `&lt;root&gt;/etc/apk/keys/&lt;name&gt;` with mode 0644, as `apko install-keys` does for `/`.
/// </summary>
internal static class InstallKeysCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var root = new Option<string>("--root")
        {
            Description = "The root filesystem whose etc/apk/repositories is read and whose etc/apk/keys is written.",
            DefaultValueFactory = _ => "/",
            HelpName = "dir",
        };
        var alpineReleases = new Option<string?>("--alpine-releases-url")
        {
            Description = "Where Alpine's releases.json is read (a mirror; tests).",
            Hidden = true,
        };
        Option<string> format = OutputFormatOption.Create();
        var command = new Command("install-keys",
            "Discover the signing keys of every repository in /etc/apk/repositories and install them in /etc/apk/keys.\n\n" +
            "Example:\n  dotnet image install-keys --root ./rootfs")
        {
            root,
            alpineReleases,
            format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string rootDir = Path.GetFullPath(parse.GetValue(root) ?? "/");
            string? releases = parse.GetValue(alpineReleases);
            ICommandOutput output = CommandOutput.Create(parse);
            string repositoriesFile = Path.Combine(rootDir, "etc", "apk", "repositories");
            IReadOnlyList<string> repositories = ReadRepositories(repositoriesFile);

            using var http = new HttpClient { Timeout = RequestTimeout };
            http.DefaultRequestHeaders.UserAgent.ParseAdd(ToolVersion.UserAgent);
            var discovery = new RepositoryKeyDiscovery(http, string.IsNullOrEmpty(releases) ? null : new Uri(releases));
            string keysDir = Path.Combine(rootDir, "etc", "apk", "keys");
            var written = new JsonArray();
            foreach (string repository in repositories)
            {
                foreach (DiscoveredKey key in await discovery.DiscoverAsync(repository, Architecture.Host.ApkName, cancellationToken))
                {
                    string path = WriteKey(keysDir, key);
                    output.WriteNote($"wrote {path} (from {key.Source})");
                    written.Add((JsonNode)new JsonObject { ["repository"] = repository, ["path"] = path, ["source"] = key.Source });
                }
            }
            output.WriteResult(new JsonObject { ["root"] = rootDir, ["keys"] = written }, text =>
                text.WriteLine(written.Count == 0
                    ? $"no keys found for the {repositories.Count} repositor{(repositories.Count == 1 ? "y" : "ies")} in {repositoriesFile}"
                    : $"installed {written.Count} key{(written.Count == 1 ? "" : "s")} in {keysDir}"));
        });
        return command;
    }

    /// <summary>Repository URLs, one a line; blank lines, `#` comments and `@tag` prefixes are skipped as apk does.</summary>
    private static IReadOnlyList<string> ReadRepositories(string file)
    {
        if (!File.Exists(file))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{file} does not exist",
                "Point --root at a root filesystem with etc/apk/repositories (one repository URL a line).");
        }
        var repositories = new List<string>();
        foreach (string raw in File.ReadAllLines(file))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('@'))
            {
                int space = line.IndexOfAny([' ', '\t']);
                if (space < 0)
                {
                    continue;
                }
                line = line[space..].Trim();
            }
            repositories.Add(line);
        }
        return repositories;
    }

    /// <summary>Writes the key through a temporary file and a rename, so a key file is never half written.</summary>
    private static string WriteKey(string keysDir, DiscoveredKey key)
    {
        try
        {
            Directory.CreateDirectory(keysDir);
            string path = Path.Combine(keysDir, key.FileName);
            string temporary = Path.Combine(keysDir, $".{key.FileName}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllText(temporary, key.Pem, new UTF8Encoding(false));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write the key {key.FileName} to {keysDir}: {e.Message}",
                "Run as a user who can write there (installing keys into / needs root), or use --root.", e);
        }
    }
}
