using System.Text.Json;
using System.Text.Json.Serialization;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Lock;

/// <summary>`config` of a lock file: the configuration it was made from.</summary>
public sealed record LockConfig
{
    /// <summary>The configuration path as given.</summary>
    [JsonPropertyName("name")] public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>`sha256-` + base64 SHA-256 of the configuration's raw bytes (and its includes').</summary>
    [JsonPropertyName("checksum")] public string Checksum { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// The packages the configuration declared (its `contents.packages`, before apko's derived additions), written
    /// by ImageDsl for C# images so the compiler can tell when the lock no longer matches them; null in apko's locks
    /// (which apko ignores when reading).
    /// </summary>
    [JsonPropertyName("world")] public IReadOnlyList<string>? World { get; init; }
}

/// <summary>A keyring entry of a lock file.</summary>
public sealed record LockKey
{
    /// <summary>The URL without scheme, or the path.</summary>
    [JsonPropertyName("name")] public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>The entry as configured.</summary>
    [JsonPropertyName("url")] public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>The key's PEM text.</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }
}

/// <summary>A repository of a lock file, per arch.</summary>
public sealed record LockRepository
{
    /// <summary>`&lt;repository without scheme and label&gt;/&lt;arch&gt;`.</summary>
    [JsonPropertyName("name")] public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>The index URL.</summary>
    [JsonPropertyName("url")] public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>The apk arch.</summary>
    [JsonPropertyName("architecture")] public string Architecture { get; init => field = value ?? ""; } = "";
}

/// <summary>A byte range of a package file and the checksum of those bytes.</summary>
public sealed record LockRange
{
    /// <summary>The empty range (an unsigned package's signature).</summary>
    public static LockRange None { get; } = new();

    /// <summary>`bytes=&lt;first&gt;-&lt;last&gt;` (inclusive), or "".</summary>
    [JsonPropertyName("range")] public string Range { get; init => field = value ?? ""; } = "";

    /// <summary>`sha1-&lt;base64&gt;` or `sha256-&lt;base64&gt;`, or "".</summary>
    [JsonPropertyName("checksum")] public string Checksum { get; init => field = value ?? ""; } = "";
}

/// <summary>A package of a lock file.</summary>
public sealed record LockPackage
{
    /// <summary>The package name.</summary>
    [JsonPropertyName("name")] public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>The package file URL.</summary>
    [JsonPropertyName("url")] public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>The version.</summary>
    [JsonPropertyName("version")] public string Version { get; init => field = value ?? ""; } = "";

    /// <summary>The package's `A:` arch (as apko writes it; `noarch` packages say so).</summary>
    [JsonPropertyName("architecture")] public string Architecture { get; init => field = value ?? ""; } = "";

    /// <summary>The signature gzip member (empty for unsigned packages).</summary>
    [JsonPropertyName("signature")] public LockRange Signature { get; init => field = value ?? LockRange.None; } = LockRange.None;

    /// <summary>The control gzip member (SHA-1).</summary>
    [JsonPropertyName("control")] public LockRange Control { get; init => field = value ?? LockRange.None; } = LockRange.None;

    /// <summary>The data gzip member(s) (SHA-256).</summary>
    [JsonPropertyName("data")] public LockRange Data { get; init => field = value ?? LockRange.None; } = LockRange.None;

    /// <summary>`Q1` + base64 SHA-1 of the control member (the index's `C:`).</summary>
    [JsonPropertyName("checksum")] public string Checksum { get; init => field = value ?? ""; } = "";
}

/// <summary>
/// `contents.baseimage` of a lock file (ImageDsl's own; apko ignores it): the registry base image and the
/// digest its reference resolved to when the lock was made. A locked build uses exactly that image.
/// </summary>
public sealed record LockBaseImage
{
    /// <summary>The reference as configured (normalised).</summary>
    [JsonPropertyName("ref")] public string Reference { get; init => field = value ?? ""; } = "";

    /// <summary>The digest of the index or manifest the reference named.</summary>
    [JsonPropertyName("digest")] public string Digest { get; init => field = value ?? ""; } = "";
}

/// <summary>`contents` of a lock file.</summary>
public sealed record LockContents
{
    /// <summary>Keys, sorted by name.</summary>
    [JsonPropertyName("keyring")] public IReadOnlyList<LockKey> Keyring { get; init => field = value ?? []; } = [];

    /// <summary>`build_repositories`, per arch.</summary>
    [JsonPropertyName("build_repositories")] public IReadOnlyList<LockRepository> BuildRepositories { get; init => field = value ?? []; } = [];

    /// <summary>`runtime_repositories`, per arch.</summary>
    [JsonPropertyName("runtime_repositories")] public IReadOnlyList<LockRepository> RuntimeRepositories { get; init => field = value ?? []; } = [];

    /// <summary>`repositories`, per arch.</summary>
    [JsonPropertyName("repositories")] public IReadOnlyList<LockRepository> Repositories { get; init => field = value ?? []; } = [];

    /// <summary>Packages of every arch, each arch's in install order.</summary>
    [JsonPropertyName("packages")] public IReadOnlyList<LockPackage> Packages { get; init => field = value ?? []; } = [];

    /// <summary>The registry base image's pinned digest (`contents.baseimage.ref`); null otherwise, and then not written.</summary>
    [JsonPropertyName("baseimage")] public LockBaseImage? BaseImage { get; init; }
}

/// <summary>
/// apko's lock file (format `v1`): the exact packages of every arch with byte ranges and checksums, so
/// a build can install them without consulting indexes. Written byte-compatible with apko (Go's
/// 2-space `MarshalIndent`, HTML-safe escaping, trailing newline).
/// </summary>
public sealed record LockFile
{
    /// <summary>Always `v1`.</summary>
    [JsonPropertyName("version")] public string Version { get; init => field = value ?? "v1"; } = "v1";

    /// <summary>The configuration it was made from, or null in old lock files.</summary>
    [JsonPropertyName("config")] public LockConfig? Config { get; init; }

    /// <summary>Keys, repositories and packages.</summary>
    [JsonPropertyName("contents")] public LockContents Contents { get; init => field = value ?? new(); } = new();

    /// <summary>Reads a lock file; <paramref name="path"/> names it in errors.</summary>
    public static LockFile Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"failed to load lockfile {path}: {e.Message}",
                "Create one with `dotnet image lock <config>`.");
        }
        return Parse(json, path);
    }

    /// <summary>Parses lock file JSON; <paramref name="source"/> names it in errors.</summary>
    public static LockFile Parse(string json, string source)
    {
        try
        {
            // Source-generated (no reflection, so the native tool reads locks too). Its contract passes null for a
            // property the JSON leaves out, as an explicit `null` does: every init accessor above turns null back
            // into the property's default (the lock fuzz target found the crash this prevents).
            LockFile? lockFile = JsonSerializer.Deserialize(json, LockFileJson.Default.LockFile);
            if (lockFile is null)
            {
                throw new JsonException("the file is empty (null)");
            }
            if (lockFile.HasNullEntry())
            {
                throw new JsonException("a list holds a null entry");
            }
            return lockFile;
        }
        catch (JsonException e)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"lock file {source} is not valid: {e.Message}",
                "Regenerate it with `dotnet image lock <config>`.");
        }
    }

    private bool HasNullEntry() =>
        Contents.Keyring.Any(e => e is null) || Contents.BuildRepositories.Any(e => e is null) || Contents.RuntimeRepositories.Any(e => e is null)
        || Contents.Repositories.Any(e => e is null) || Contents.Packages.Any(e => e is null) || (Config?.World?.Any(e => e is null) ?? false);

    /// <summary>The JSON text, exactly as apko writes it.</summary>
    public string ToJson() => LockFileWriter.Write(this);

    /// <summary>Writes the file atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, ToJson());
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write lock file {path}: {e.Message}",
                "Check that the folder exists and is writable.");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Fails when the lock was made from a different configuration (apko's message); a lock without a
    /// `config` section is accepted with a warning. <paramref name="relockCommand"/> is the command that makes a new
    /// lock for this configuration (default: `dotnet image lock &lt;configPath&gt;`).
    /// </summary>
    public void CheckConfiguration(string lockPath, string configPath, string configChecksum, Action<string>? warn = null, string? relockCommand = null)
    {
        if (Config is null || string.IsNullOrEmpty(Config.Checksum))
        {
            warn?.Invoke($"lock file {lockPath} has no config checksum; cannot tell whether it matches {configPath}");
            return;
        }
        if (Config.Checksum != configChecksum)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"checksum in the lock file '{lockPath}' does not matches the original config: '{configPath}' (maybe regenerate the lock file)",
                $"Run `{relockCommand ?? "dotnet image lock " + configPath}` again (line-ending changes count as changes).");
        }
    }

    /// <summary>
    /// The packages locked for one apk arch, in install order. Packages whose `architecture` is not an
    /// arch name (e.g. `noarch`) are placed by the arch folder of their URL.
    /// </summary>
    public IReadOnlyList<LockPackage> PackagesFor(string apkArch) =>
        Contents.Packages.Where(p => ArchOf(p) == apkArch).ToList();

    private static string ArchOf(LockPackage package)
    {
        if (Model.Architecture.TryParse(package.Architecture, out _))
        {
            return package.Architecture;
        }
        string[] parts = package.Url.Split('/');
        return parts.Length >= 2 ? parts[^2] : package.Architecture;
    }
}

/// <summary>The source-generated JSON contract of <see cref="LockFile"/> (reading only: writing is <see cref="LockFileWriter"/>).</summary>
[JsonSerializable(typeof(LockFile))]
internal sealed partial class LockFileJson : JsonSerializerContext;
