using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// Turns `contents.local` folders into a signed, build-local apk repository (apko's rule "build an apk
/// first", done for the user): each folder becomes a real .apk written with the `pack` code, indexed
/// and signed with a key made for this build only. The repository and key are added to the build's
/// inputs and the packages to the world, so resolve, fetch, verify, install, the apk database and the
/// SBOM treat them like any other package. The key verifies but is never written into the image.
/// </summary>
internal sealed class LocalContentRepository
{
    private const string KeyName = "imagedsl-local-content.rsa.pub";

    private LocalContentRepository(string repository, string keyFile, IReadOnlyList<string> world)
    {
        Repository = repository;
        KeyFile = keyFile;
        World = world;
    }

    /// <summary>The repository folder (with one folder per apk architecture).</summary>
    public string Repository { get; }

    /// <summary>The public key file that verifies the repository's index and packages.</summary>
    public string KeyFile { get; }

    /// <summary>`name=version` for each local package.</summary>
    public IReadOnlyList<string> World { get; }

    /// <summary>Packs every `contents.local` folder under <paramref name="temp"/>; null when there are none.</summary>
    /// <param name="configuration">The configuration (paths already absolute, checked by the loader).</param>
    /// <param name="archs">The architectures being built.</param>
    /// <param name="temp">The build's temporary folder.</param>
    /// <param name="buildDate">Every entry's mtime and the packages' `builddate`, in Unix seconds.</param>
    /// <param name="baseUsers">The base image's users (uid, gid, group name by user name), for owners the configuration does not declare.</param>
    public static LocalContentRepository? Create(ImageConfiguration configuration, IReadOnlyList<Architecture> archs, string temp, long buildDate,
        Func<string, (uint Uid, uint Gid, string Group)?>? baseUsers = null)
    {
        ValueList<LocalContent> local = configuration.Contents.Local;
        if (local.IsEmpty)
        {
            return null;
        }
        return CreateIn(configuration, archs, Path.Combine(temp, "local-content"), buildDate, baseUsers);
    }

    /// <summary>As <see cref="Create"/>, writing the repository and public key under <paramref name="root"/>.</summary>
    internal static LocalContentRepository? CreateIn(ImageConfiguration configuration, IReadOnlyList<Architecture> archs, string root, long buildDate,
        Func<string, (uint Uid, uint Gid, string Group)?>? baseUsers = null)
    {
        ValueList<LocalContent> local = configuration.Contents.Local;
        if (local.IsEmpty)
        {
            return null;
        }
        string repository = Path.Combine(root, "repository");
        string keyFile = Path.Combine(root, "keys", KeyName);
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        using ApkPrivateKey key = ApkPrivateKey.Generate(KeyName, 2048);
        File.WriteAllText(keyFile, key.ExportPublicPem());

        foreach (LocalContent content in local)
        {
            // The validator checks these; an unvalidated configuration (an export with an include) must still
            // not name a file outside the repository.
            string fileName = $"{content.Name}-{content.Version}.apk";
            if (content.Name.Length == 0 || content.Name.StartsWith('.') || fileName.IndexOfAny(['/', '\\', '\0']) >= 0 || content.Arch.IndexOfAny(['/', '\\', '.']) >= 0)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"local content '{content.Name}' ({content.Version}, {content.Arch}) cannot name a package file",
                    "Use a package name of letters, digits and . _ + -, an apk version such as 1.0.0-r0 and noarch or an apk architecture.");
            }
            IReadOnlyList<PackEntry> entries = Entries(content, configuration, baseUsers);
            var info = new PackageInfo
            {
                Name = content.Name,
                Version = content.Version,
                Arch = content.Arch,
                Origin = content.Name,
                Description = $"{content.Name}: local content installed under {content.To}",
                BuildDate = buildDate,
            };
            foreach (Architecture arch in TargetArchs(content, archs))
            {
                string file = Path.Combine(repository, arch.ApkName, fileName);
                ApkPackageWriter.WriteFile(file, info, entries, key, controlFiles: null, storeSignature: true);
            }
        }
        var keyring = new Keyring([key.PublicKey]);
        foreach (Architecture arch in archs)
        {
            string folder = Path.Combine(repository, arch.ApkName);
            Directory.CreateDirectory(folder);
            IReadOnlyList<ApkIndexEntry> indexed = ApkIndexWriter.ScanDirectory(folder, arch.ApkName, keyring);
            ApkIndexWriter.WriteFile(Path.Combine(folder, "APKINDEX.tar.gz"), indexed, "ImageDsl local content", key);
        }
        return new LocalContentRepository(repository, keyFile,
            local.Select(c => $"{c.Name}={c.Version}").ToList());
    }

    /// <summary>The build's inputs with this repository, its key and the local packages added.</summary>
    public ApkInputs AddTo(ApkInputs inputs) => new(
        Sorted([.. inputs.BuildRepositories, Repository]),
        Sorted([.. inputs.Keyring, KeyFile]),
        Sorted([.. inputs.World, .. World]));

    /// <summary>Whether this repository made the package <paramref name="name"/>-<paramref name="version"/>.</summary>
    public bool Makes(string name, string version) => World.Contains($"{name}={version}", StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> is this build's own key (verifies, never goes into the image).</summary>
    public bool IsBuildKey(LoadedKey key) => key.Source == KeyFile;

    private static IEnumerable<Architecture> TargetArchs(LocalContent content, IReadOnlyList<Architecture> archs)
    {
        if (content.Arch == LocalContent.NoArch)
        {
            return archs;
        }
        var others = archs.Where(a => a.ApkName != content.Arch).ToList();
        if (others.Count > 0)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"local content '{content.Name}' is for {content.Arch} only and cannot be installed on {string.Join(", ", others)}",
                "Set its arch to noarch if its files suit every architecture, or build only its architecture (archs: or --arch).");
        }
        return archs;
    }

    /// <summary>
    /// The folder's entries under `to`, owned by the owner (root, a declared user's uid and gid, or a
    /// base image user's).
    /// Modes are normalised as `pack` does (0755 for directories and executables, 0644 otherwise), so a
    /// checkout's umask does not change the image; symlinks are kept as they are.
    /// </summary>
    private static IReadOnlyList<PackEntry> Entries(LocalContent content, ImageConfiguration configuration,
        Func<string, (uint Uid, uint Gid, string Group)?>? baseUsers)
    {
        (long uid, long gid, string user, string group) = Owner(content.Owner, configuration, baseUsers);
        string prefix = content.To.Trim('/');
        var entries = new List<PackEntry>();
        if (prefix.Length > 0)
        {
            entries.Add(PackEntry.Directory(prefix));
        }
        foreach (PackEntry entry in PackageContents.FromDirectory(content.Path))
        {
            entries.Add(entry with { Path = prefix.Length > 0 ? $"{prefix}/{entry.Path}" : entry.Path });
        }
        return entries.Select(e => e with { Uid = uid, Gid = gid, UserName = user, GroupName = group }).ToList();
    }

    private static (long Uid, long Gid, string User, string Group) Owner(string owner, ImageConfiguration configuration,
        Func<string, (uint Uid, uint Gid, string Group)?>? baseUsers)
    {
        if (owner == LocalContent.Root)
        {
            return (0, 0, "root", "root");
        }
        ImageAccounts? accounts = configuration.Accounts;
        UserAccount? user = accounts?.Users.FirstOrDefault(u => u.UserName == owner);
        if (user is null && baseUsers?.Invoke(owner) is { } fromBase)
        {
            return (fromBase.Uid, fromBase.Gid, owner, fromBase.Group);
        }
        if (user is null)
        {
            throw configuration.Contents.BaseImage is null
                ? new ImageDslException(ErrorKind.Configuration, $"local content owner '{owner}' is not a declared user",
                    "Declare the user in accounts.users, or use root.")
                : new ImageDslException(ErrorKind.Configuration,
                    $"local content owner '{owner}' is neither a declared user nor in the base image's /etc/passwd",
                    "Use root, a user of the base image, or declare the user in accounts.users (apko leaves a base image's accounts as they are, so a declared user is not added to its /etc/passwd).");
        }
        uint uid = user.Uid ?? throw new ImageDslException(ErrorKind.Configuration, $"user '{owner}' has no uid", "Give the user a uid.");
        uint gid = user.Gid ?? uid;
        string group = accounts!.Groups.FirstOrDefault(g => g.Gid == gid)?.GroupName ?? owner;
        return (uid, gid, owner, group);
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> items) =>
        items.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
}
