using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Reads and writes registry credentials the way docker does: <c>config.json</c> in
/// <c>DOCKER_CONFIG</c> (or <c>~/.docker</c>), with <c>auths</c> entries, <c>credHelpers</c> per
/// registry and a default <c>credsStore</c>.
/// </summary>
public static class DockerConfigStore
{
    /// <summary>The key docker uses for Docker Hub in config.json and with credential helpers.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";

    /// <summary><c>DOCKER_CONFIG</c> when set, else <c>~/.docker</c>.</summary>
    public static string DefaultDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".docker");
    }

    /// <summary>The config.json key for a registry: the Docker Hub URL for Docker Hub, else host[:port].</summary>
    public static string KeyFor(string registry)
    {
        string normalised = NormaliseKey(registry);
        return normalised == ImageReference.DockerHubRegistry ? DockerHubKey : normalised;
    }

    /// <summary>
    /// Finds credentials for <paramref name="registry"/>: its <c>credHelpers</c> entry, else the
    /// <c>credsStore</c>, else the <c>auths</c> entry. Null when there are none (anonymous access).
    /// </summary>
    public static RegistryCredential? Find(string registry, string? configDirectory = null, string? helperSearchPath = null, Action<string>? log = null)
    {
        string path = Path.Combine(configDirectory ?? DefaultDirectory(), "config.json");
        JsonObject? config = Load(path);
        if (config is null)
        {
            return null;
        }
        string key = KeyFor(registry);
        string wanted = NormaliseKey(registry);

        if (config["credHelpers"] is JsonObject helpers)
        {
            foreach ((string helperKey, JsonNode? helperName) in helpers)
            {
                if (NormaliseKey(helperKey) == wanted && helperName?.GetValueKind() == JsonValueKind.String)
                {
                    string name = helperName.GetValue<string>();
                    string helper = DockerCredentialHelper.Find(name, helperSearchPath)
                        ?? throw new ImageDslException(ErrorKind.Unauthorized,
                            $"{path} names the credential helper '{name}' for {registry}, but docker-credential-{name} is not on PATH",
                            $"Install docker-credential-{name}, or remove the credHelpers entry for {helperKey}.");
                    return DockerCredentialHelper.Get(helper, key);
                }
            }
        }

        if (config["credsStore"] is JsonValue store && store.GetValueKind() == JsonValueKind.String && store.GetValue<string>().Length > 0)
        {
            string name = store.GetValue<string>();
            string? helper = DockerCredentialHelper.Find(name, helperSearchPath);
            if (helper is null)
            {
                log?.Invoke($"warning: {path} names the credential store '{name}', but docker-credential-{name} is not on PATH; using the auths entries only");
            }
            else if (DockerCredentialHelper.Get(helper, key) is { } stored)
            {
                return stored;
            }
        }

        if (config["auths"] is JsonObject auths)
        {
            foreach ((string authKey, JsonNode? entry) in auths)
            {
                if (NormaliseKey(authKey) == wanted && entry is JsonObject record && FromAuthEntry(record, path, authKey) is { } credential)
                {
                    return credential;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Saves a login for <paramref name="registry"/> (what <c>dotnet image login</c> does): through the
    /// registry's credential helper or the credsStore when config.json names one, else as a base64
    /// <c>auth</c> entry. Other entries and keys are kept; the file is written to a temp file with mode
    /// 0600 and renamed over the old one. Returns a description of where the credentials went.
    /// </summary>
    public static string SaveLogin(string registry, string username, string password, string? configDirectory = null, string? helperSearchPath = null)
    {
        if (username.Length == 0 || username.Contains(':'))
        {
            throw new ImageDslException(ErrorKind.Configuration, "the user name must be non-empty and must not contain ':'", "Pass the user name with -u/--username.");
        }
        if (password.Length == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, "the password is empty", "Pipe the password to --password-stdin, or pass -p.");
        }
        if (!ImageReference.IsValidHost(NormaliseKey(registry)))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"'{registry}' is not a registry host[:port]", "e.g. dotnet image login ghcr.io -u <user> --password-stdin");
        }
        string directory = configDirectory ?? DefaultDirectory();
        string path = Path.Combine(directory, "config.json");
        JsonObject config = Load(path) ?? new JsonObject();
        string key = KeyFor(registry);
        string wanted = NormaliseKey(registry);

        string? helperName = (config["credHelpers"] as JsonObject)?
            .FirstOrDefault(h => NormaliseKey(h.Key) == wanted && h.Value?.GetValueKind() == JsonValueKind.String).Value?.GetValue<string>();
        if (helperName is null && config["credsStore"] is JsonValue store && store.GetValueKind() == JsonValueKind.String && store.GetValue<string>().Length > 0)
        {
            helperName = store.GetValue<string>();
        }
        if (helperName is not null)
        {
            string helper = DockerCredentialHelper.Find(helperName, helperSearchPath)
                ?? throw new ImageDslException(ErrorKind.Output,
                    $"{path} names the credential helper '{helperName}', but docker-credential-{helperName} is not on PATH",
                    $"Install docker-credential-{helperName}, or remove credsStore/credHelpers from {path}.");
            DockerCredentialHelper.Store(helper, key, username, password);
            // Docker keeps an empty auths entry so tools know the registry has a login.
            Auths(config)[key] ??= new JsonObject();
            WriteAtomically(path, config);
            return $"credential helper docker-credential-{helperName}";
        }

        JsonObject auths = Auths(config);
        foreach (string stale in auths.Select(a => a.Key).Where(k => k != key && NormaliseKey(k) == wanted).ToArray())
        {
            auths.Remove(stale);
        }
        var entry = auths[key] as JsonObject ?? new JsonObject();
        entry.Remove("username");
        entry.Remove("password");
        entry.Remove("identitytoken");
        entry["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        auths[key] = entry;
        WriteAtomically(path, config);
        return path;
    }

    private static JsonObject Auths(JsonObject config)
    {
        if (config["auths"] is not JsonObject auths)
        {
            auths = new JsonObject();
            config["auths"] = auths;
        }
        return auths;
    }

    private static RegistryCredential? FromAuthEntry(JsonObject record, string path, string key)
    {
        string source = path;
        string? identity = record["identitytoken"]?.GetValueKind() == JsonValueKind.String ? record["identitytoken"]!.GetValue<string>() : null;
        string? auth = record["auth"]?.GetValueKind() == JsonValueKind.String ? record["auth"]!.GetValue<string>() : null;
        if (!string.IsNullOrEmpty(auth))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{path}: the auth value for '{key}' is not base64", $"Log in again: dotnet image login {key} -u <user> --password-stdin");
            }
            int colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{path}: the auth value for '{key}' is not base64 of user:password", $"Log in again: dotnet image login {key} -u <user> --password-stdin");
            }
            return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..], string.IsNullOrEmpty(identity) ? null : identity, source);
        }
        string? username = record["username"]?.GetValueKind() == JsonValueKind.String ? record["username"]!.GetValue<string>() : null;
        string? password = record["password"]?.GetValueKind() == JsonValueKind.String ? record["password"]!.GetValue<string>() : null;
        if (!string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password) || !string.IsNullOrEmpty(identity))
        {
            return new RegistryCredential(username ?? "", password ?? "", string.IsNullOrEmpty(identity) ? null : identity, source);
        }
        return null;
    }

    private static JsonObject? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            string text = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ImageDslException(ErrorKind.Configuration, $"{path} is not a JSON object", "Fix or remove the docker config file.");
        }
        catch (JsonException error)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{path} is not valid JSON: {error.Message}", "Fix or remove the docker config file.");
        }
        catch (IOException error)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"cannot read {path}: {error.Message}", "Check the file's permissions or set DOCKER_CONFIG to another directory.");
        }
    }

    private static void WriteAtomically(string path, JsonObject config)
    {
        // Write through a symlinked config.json (dotfile managers) instead of replacing the link.
        // Only a link is resolved: ResolveLinkTarget throws for a config.json that does not exist yet.
        string target = path;
        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null && existing.ResolveLinkTarget(returnFinalTarget: true) is { } resolved)
        {
            target = resolved.FullName;
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        try
        {
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            string temp = Path.Combine(directory, $".config.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Secrets: readable by the owner only, from the moment the file exists.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using (var stream = new FileStream(temp, options))
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write {path}: {error.Message}", "Check the directory's permissions or set DOCKER_CONFIG to a writable directory.");
        }
    }

    /// <summary>Reduces a config key ("https://host/v1/", "http://host", "host") to a comparable host[:port].</summary>
    private static string NormaliseKey(string key)
    {
        string text = key.Trim();
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            text = text[..slash];
        }
        return ImageReference.NormaliseRegistry(text);
    }
}
