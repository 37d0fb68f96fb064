using System.Text.Json;
using System.Text.RegularExpressions;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// A `dotnet publish` output that becomes the image's app package: read from the folder itself (its
/// runtimeconfig.json says framework-dependent or self-contained, its deps.json the runtime identifier),
/// so the image matches what was published, not what the build machine is.
/// </summary>
/// <param name="Folder">The publish folder, full path.</param>
/// <param name="AssemblyName">The entry assembly's name without <c>.dll</c> (also the apphost's file name).</param>
/// <param name="SelfContained">The runtime is in the folder (runtimeconfig.json lists includedFrameworks).</param>
/// <param name="Arch">The architecture the app was published for; null for a portable (RID-less) framework-dependent app.</param>
/// <param name="PackageName">The app package's name: the assembly name in lower case.</param>
/// <param name="Version">The app package's apk version.</param>
internal sealed partial record PublishedApp(string Folder, string AssemblyName, bool SelfContained, Architecture? Arch, string PackageName, string Version)
{
    /// <summary>The token a <c>[Content]</c> path uses for the publish output (filled in by `dotnet publish -t:PublishImage`).</summary>
    public const string PublishDirToken = "$(PublishDir)";

    private const long MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>Reads the publish output in <paramref name="folder"/>.</summary>
    /// <param name="folder">The publish folder.</param>
    /// <param name="assemblyFile">The entry assembly's file name (<c>App.dll</c>); null finds the folder's only app.</param>
    /// <param name="version">The app's version (.NET or apk form); null gives 0-r0.</param>
    /// <exception cref="ImageDslException">The folder is not a publish output of a Linux app (exit 2).</exception>
    public static PublishedApp Read(string folder, string? assemblyFile, string? version)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"the publish folder '{folder}' does not exist ({full})",
                "Give the folder `dotnet publish` wrote (its PublishDir); `dotnet publish -t:PublishImage` passes it itself.");
        }
        string name = AssemblyNameOf(full, assemblyFile);
        string runtimeConfig = Path.Combine(full, name + ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{Path.Combine(folder, name + ".dll")} is not an app: {name}.runtimeconfig.json is missing",
                "Publish an executable project (<OutputType>Exe</OutputType>); a class library cannot be an image's entrypoint.");
        }
        bool selfContained = IsSelfContained(runtimeConfig);
        string? rid = RuntimeIdentifier(Path.Combine(full, name + ".deps.json"));
        Architecture? arch = rid is null ? null : RuntimeIdentifierArch.Of(rid);
        if (selfContained)
        {
            string appHost = Path.Combine(full, name);
            if (!File.Exists(appHost))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"the self-contained app {name} has no apphost ({appHost} is missing)",
                    "Publish with the apphost (leave UseAppHost at its default, true).");
            }
            Architecture elf = ElfMachine.Read(appHost)
                ?? throw new ImageDslException(ErrorKind.Configuration, $"the apphost {appHost} is not a Linux executable",
                    "Publish for Linux: dotnet publish -r linux-x64 (or linux-arm64, linux-musl-x64 for musl-based images).");
            arch ??= elf;
        }
        return new PublishedApp(full, name, selfContained, arch, PackageNameOf(name),
            version is null ? LocalContent.DefaultVersion : AppVersion.ToApk(version));
    }

    /// <summary>The command that starts the app installed under <paramref name="to"/>: the apphost when self-contained, else `dotnet App.dll`.</summary>
    public string Command(string to)
    {
        string folder = to.TrimEnd('/');
        return SelfContained ? Quote($"{folder}/{AssemblyName}") : "dotnet " + Quote($"{folder}/{AssemblyName}.dll");
    }

    private static string AssemblyNameOf(string folder, string? assemblyFile)
    {
        if (assemblyFile is not null)
        {
            if (assemblyFile.Length == 0 || assemblyFile.IndexOfAny(['/', '\\', '\0']) >= 0 || !assemblyFile.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"--app-assembly '{assemblyFile}' is not a .dll file name",
                    "Give the entry assembly's file name in the publish folder, e.g. --app-assembly MyApp.dll.");
            }
            if (!File.Exists(Path.Combine(folder, assemblyFile)))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"the publish folder {folder} has no {assemblyFile}",
                    "Publish the project first (dotnet publish), or give the entry assembly's file name with --app-assembly.");
            }
            return assemblyFile[..^".dll".Length];
        }
        string[] apps = Directory.GetFiles(folder, "*.runtimeconfig.json")
            .Select(f => Path.GetFileName(f)[..^".runtimeconfig.json".Length])
            .Where(n => File.Exists(Path.Combine(folder, n + ".dll")))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return apps.Length switch
        {
            1 => apps[0],
            0 => throw new ImageDslException(ErrorKind.Configuration, $"the publish folder {folder} holds no app (no *.runtimeconfig.json beside its .dll)",
                "Give the output of `dotnet publish` of an executable project."),
            _ => throw new ImageDslException(ErrorKind.Configuration, $"the publish folder {folder} holds several apps: {string.Join(", ", apps)}",
                "Choose the entry assembly with --app-assembly <Name>.dll."),
        };
    }

    private static bool IsSelfContained(string runtimeConfig)
    {
        using JsonDocument json = ReadJson(runtimeConfig);
        return json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("runtimeOptions", out JsonElement options)
            && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("includedFrameworks", out _);
    }

    /// <summary>The runtime identifier the deps.json was made for (`.NETCoreApp,Version=v10.0/linux-x64`); null when portable or absent.</summary>
    private static string? RuntimeIdentifier(string depsJson)
    {
        if (!File.Exists(depsJson))
        {
            return null;
        }
        using JsonDocument json = ReadJson(depsJson);
        if (json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("runtimeTarget", out JsonElement target)
            && target.ValueKind == JsonValueKind.Object
            && target.TryGetProperty("name", out JsonElement name)
            && name.ValueKind == JsonValueKind.String
            && name.GetString() is { } text
            && text.LastIndexOf('/') is int slash and >= 0)
        {
            return text[(slash + 1)..];
        }
        return null;
    }

    private static JsonDocument ReadJson(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxJsonBytes)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{path} is larger than {MaxJsonBytes / (1024 * 1024)} MiB", "Check the publish output; this file is normally small.");
        }
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException error)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{path} is not valid JSON: {error.Message}", "Publish the project again; the file is damaged.", error);
        }
    }

    /// <summary>An apk package name from an assembly name: lower case, other characters as '-'.</summary>
    private static string PackageNameOf(string assemblyName)
    {
        string name = NotInPackageName().Replace(assemblyName.ToLowerInvariant(), "-").TrimStart('.', '_', '+', '-');
        if (name.Length == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"the assembly name '{assemblyName}' gives no package name",
                $"Declare the app package yourself: [Content(\"{PublishDirToken}\", Name = \"myapp\", To = \"/app\")].");
        }
        return name.Length > 128 ? name[..128] : name;
    }

    /// <summary>A word the entrypoint's shell-like splitting reads back unchanged.</summary>
    private static string Quote(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./+@:,=".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("[^a-z0-9._+-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotInPackageName();
}
