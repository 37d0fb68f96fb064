using System.CommandLine;
using System.Globalization;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Progress;
using ImageDsl.Rules;

namespace ImageDsl.Tool.Cli;

/// <summary>apko's build flags shared by `build`, `publish` and `build-minirootfs`.</summary>
internal sealed class BuildOptions
{
    public Option<string[]> Annotations { get; } = new("--annotations") { Description = "Extra annotations as key:value (repeatable or comma-separated); they override the configuration's." };

    public Option<string?> BuildDate { get; } = new("--build-date") { Description = "The image date (RFC 3339); SOURCE_DATE_EPOCH, when set, wins." };

    public Option<bool> Sbom { get; } = new("--sbom") { Description = "Write SPDX SBOMs.", DefaultValueFactory = _ => true };

    public Option<string?> SbomPath { get; } = new("--sbom-path") { Description = "Where SBOMs go (default: the current directory)." };

    public Option<string[]> SbomFormats { get; } = new("--sbom-formats") { Description = "SBOM formats, comma-separated: spdx (default), cyclonedx." };

    public Option<string?> LockFile { get; } = new("--lockfile") { Description = "Build exactly the packages of this lock file (made by `dotnet image lock`)." };

    public Option<bool> Vcs { get; } = new("--vcs") { Description = "Detect vcs-url from the git checkout of the configuration when the config has none.", DefaultValueFactory = _ => true };

    public Option<long> MaxIndexSize { get; } = new("--max-apkindex-decompressed-size") { Description = "Largest decompressed APKINDEX accepted, in bytes (0 = 300 MiB default, -1 = unlimited)." };

    public Option<long> MaxControlSize { get; } = new("--max-apk-control-size") { Description = "Largest decompressed package control section, in bytes (0 = 10 MiB default, -1 = unlimited)." };

    public Option<long> MaxDataSize { get; } = new("--max-apk-data-size") { Description = "Largest decompressed package data section, in bytes (0 = 16 GiB default, -1 = unlimited)." };

    public Option<long> MaxResponseSize { get; } = new("--max-http-response-size") { Description = "Largest HTTP response accepted, in bytes (0 = 8 GiB default, -1 = unlimited)." };

    public Option<string?> Compression { get; } = new("--compression") { Description = "Layer compression: gzip[:1-9] (default gzip:6) or zstd[:1-19] (default zstd:3, media type tar+zstd; apko has none)." };

    /// <summary>`--insecure-registry`.</summary>
    public RegistryOptions Registry { get; } = new();

    /// <summary>`--cache-dir --offline --ignore-signatures`.</summary>
    public RepositoryOptions Repository { get; } = new();

    public void AddTo(Command command)
    {
        Repository.AddTo(command);
        Registry.AddTo(command);
        foreach (Option option in new Option[] { Annotations, BuildDate, Sbom, SbomPath, SbomFormats, LockFile, Vcs, MaxIndexSize, MaxControlSize, MaxDataSize, MaxResponseSize })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the options only commands that write layers take (`build`, `publish`).</summary>
    public void AddLayerOptionsTo(Command command) => command.Options.Add(Compression);

    public BuildRequest ToRequest(ParseResult parse, ImageSource source, IBuildProgress progress)
    {
        LoadedConfiguration loaded = source.Loaded;
        var configuration = loaded.Configuration;
        Apk.Lock.LockFile? lockFile = ReadLock(parse.GetValue(LockFile), source, progress);
        if (parse.GetValue(Vcs) && string.IsNullOrEmpty(configuration.VcsUrl) && VcsDetector.Detect(loaded.Files.FirstOrDefault()) is { } vcs)
        {
            configuration = configuration with { VcsUrl = vcs };
        }
        return new BuildRequest
        {
            Configuration = configuration,
            ConfigurationChecksum = loaded.Checksum,
            Archs = configuration.Archs.IsEmpty ? null : configuration.Archs,
            BuildDate = ParseDate(parse.GetValue(BuildDate)),
            SourceDateEpoch = Build.SourceDateEpoch.FromEnvironment(),
            Annotations = ParseAnnotations(parse.GetValue(Annotations) ?? []),
            Repository = Repository.ToClientOptions(parse, progress.Warning) with
            {
                MaxIndexDecompressedSize = Limit(parse.GetValue(MaxIndexSize), Apk.Index.ApkIndex.DefaultMaxDecompressedSize),
                MaxHttpResponseSize = Limit(parse.GetValue(MaxResponseSize), RepositoryClientOptions.DefaultMaxHttpResponseSize),
            },
            MaxControlSize = Limit(parse.GetValue(MaxControlSize), Apk.Packages.ApkPackageReaderOptions.DefaultMaxControlSize),
            MaxDataSize = Limit(parse.GetValue(MaxDataSize), Apk.Packages.ApkPackageReaderOptions.DefaultMaxDataSize),
            Lock = lockFile,
            Plan = lockFile is null ? UsablePlan(source, progress) : null,
            RelockCommand = source.Command("lock"),
            Compression = source.Compression(parse.GetValue(Compression)),
            // A registry base image is pulled with the settings `publish` pushes with.
            Registry = Registry.ToPushOptions(parse, progress.Debug),
            Progress = progress,
        };
    }

    /// <summary>`--sbom-formats` (apko's comma list), checked before anything is built.</summary>
    public IReadOnlyList<ImageDsl.Sbom.SbomFormat> ReadSbomFormats(ParseResult parse) =>
        ImageDsl.Sbom.SbomFormats.Parse(OptionValues.Split(parse.GetValue(SbomFormats) ?? []));

    private static Apk.Lock.LockFile? ReadLock(string? path, ImageSource source, IBuildProgress progress)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        var lockFile = Apk.Lock.LockFile.Read(path);
        // apko >= 0.13 installs locked packages by checksum and refuses older locks that have none.
        if (lockFile.Contents.Packages.FirstOrDefault(p => string.IsNullOrEmpty(p.Checksum)) is { } withoutChecksum)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"failed getting packages for install from lockfile {path}: locked package {withoutChecksum.Name} has missing checksum (please regenerate the lock file with Apko >=0.13)",
                $"Regenerate it with `dotnet image lock` (or apko 0.13 or later).");
        }
        lockFile.CheckConfiguration(path, source.Name, source.Loaded.Checksum, progress.Warning, source.Command("lock"));
        return lockFile;
    }

    /// <summary>
    /// A C# image's compiled plan, when it has one and no --lockfile is given: refused, as a stale lock file is, when
    /// the image's configuration is no longer the one its lock was made from.
    /// </summary>
    private static BuildPlan? UsablePlan(ImageSource source, IBuildProgress progress)
    {
        if (source.Plan is not { } plan)
        {
            return null;
        }
        CompiledPlanCheck.Usable(plan, source.Name, source.Loaded.Checksum, source.Command("lock"), progress.Warning);
        progress.Step(BuildStage.Config, $"building from the compiled plan ({plan.LockFile}, {plan.Packages.Count} pinned packages; no resolving)");
        return plan;
    }

    /// <summary>apko's size-limit convention: 0 = the default, -1 = unlimited.</summary>
    private static long Limit(long value, long defaultValue) => value switch
    {
        0 => defaultValue,
        < 0 => long.MaxValue,
        _ => value,
    };

    private static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        throw new ImageDslException(ErrorKind.Configuration, $"--build-date '{text}' is not an RFC 3339 date",
            "Write it like 2024-01-31T12:00:00Z.");
    }

    /// <summary>apko's `--annotations key:value` rules: split at the first ':', key pattern, non-empty value, no duplicates.</summary>
    public static IReadOnlyDictionary<string, string> ParseAnnotations(IEnumerable<string> values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in OptionValues.Split(values.ToArray()))
        {
            int colon = item.IndexOf(':');
            string key = colon < 0 ? item : item[..colon];
            string value = colon < 0 ? "" : item[(colon + 1)..];
            if (!ImageRules.IsValidAnnotationKey(key) || value.Length == 0 || !result.TryAdd(key, value))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"--annotations '{item}' is not a new key:value pair",
                    "Use key:value with a key of lower-case letters, digits, '-' and '.', a non-empty value, and each key once.");
            }
        }
        return result;
    }
}
