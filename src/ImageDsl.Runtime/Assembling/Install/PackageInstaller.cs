using System.Globalization;
using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.ApkDatabase;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;

namespace ImageDsl.Assembling.Install;

/// <summary>
/// Expands packages into the image tree in resolver order with apko's conflict rules (same content:
/// first wins; `replaces`: the replacing package wins; same origin: the later one wins; otherwise an
/// error). Unlike apko, the ownership recorded in the package is applied to the tree.
/// </summary>
public sealed class PackageInstaller
{
    private readonly FileTree _tree;
    private readonly ContentSpill _spill;
    private readonly List<InstalledPackageState> _packages = [];
    private readonly Dictionary<string, InstalledPackageState> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstalledPackageState> _fileOwner = new(StringComparer.Ordinal);
    private ApkPackage? _installing;

    /// <summary>Installs into <paramref name="tree"/>, spilling large file bodies into <paramref name="spill"/>.</summary>
    public PackageInstaller(FileTree tree, ContentSpill spill)
    {
        _tree = tree;
        _spill = spill;
    }

    /// <summary>The installed packages in install order, as the apk database records them.</summary>
    public IReadOnlyList<InstalledPackage> Database => _packages.Select(p => p.ToDatabaseRecord()).ToList();

    /// <summary>The .PKGINFO of each installed package, in install order.</summary>
    public IReadOnlyList<PackageInfo> Installed => _packages.Select(p => p.Info).ToList();

    /// <summary>Installs one verified package.</summary>
    public void Install(ApkPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        Install(package, package.ReadData().Select(e => new PreparedEntry(e, null)), cancellationToken);
    }

    /// <summary>
    /// Installs one verified package from entries read ahead (<see cref="PackagePrefetcher"/>): a
    /// regular file's body is already stored and checked, so only the tree is changed here.
    /// </summary>
    internal void Install(ApkPackage package, IEnumerable<PreparedEntry> entries, CancellationToken cancellationToken)
    {
        _installing = package;
        var state = new InstalledPackageState(package.Info, package.ControlChecksum, package.Size);
        _packages.Add(state);
        _byName[package.Info.Name] = state;
        foreach ((ApkDataEntry entry, FileContent? body) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                InstallEntry(state, entry, body);
            }
            catch (ImageDslException e) when (e is not FileConflictException && !e.Message.Contains(state.Label, StringComparison.Ordinal))
            {
                // The tree's errors ("'/up' is not a directory", a symlink loop) do not know which package asked.
                throw new ImageDslException(e.Kind, $"{state.Label}: cannot install /{entry.Path}: {e.Message}",
                    e.Hint ?? "The package's paths do not fit the image (a symlink that leads nowhere, or a loop); the package is broken or hostile.", e);
            }
        }
    }

    private void InstallEntry(InstalledPackageState state, ApkDataEntry entry, FileContent? body)
    {
        string path = TreePath.Normalize(entry.Path);
        if (path.Length == 0)
        {
            return;
        }
        var mode = (UnixFileMode)(entry.Mode & 0xFFF);
        switch (entry.Type)
        {
            case ApkEntryType.Directory:
                InstallDirectory(state, entry, path, mode);
                return;
            case ApkEntryType.CharacterDevice or ApkEntryType.BlockDevice:
                if (!path.StartsWith("dev/", StringComparison.Ordinal))
                {
                    throw new ImageDslException(ErrorKind.Integrity,
                        $"{state.Label} ships the device node /{path} outside /dev",
                        "Device nodes are only accepted under /dev; the package is broken or hostile.");
                }
                if (!ResolvesUnderDev(path))
                {
                    throw new ImageDslException(ErrorKind.Integrity,
                        $"{state.Label} ships the device node /{path}, which a symlink in the image leads outside /dev",
                        "Device nodes are only accepted where they land under /dev after symlinks are followed; the package is broken or hostile.");
                }
                break;
        }
        FileNode? existing = _tree.Lookup(path, followSymlinks: false);
        if (existing is not null && !ShouldReplace(state, entry, path, existing))
        {
            return;
        }
        if (existing is { IsDirectory: true })
        {
            throw new ImageDslException(ErrorKind.Build, $"{state.Label} installs a {entry.Type} at /{path}, where a directory exists",
                "The packages disagree about the layout; remove one of them.");
        }
        if (existing is not null)
        {
            _tree.Remove(path);
        }
        FileNode node = Create(state, entry, path, mode, body);
        node.Uid = (int)entry.Uid;
        node.Gid = (int)entry.Gid;
        node.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(entry.ModificationTime);
        node.Package = state.Info.Name;
        foreach (var (name, value) in entry.Xattrs)
        {
            node.ExtendedAttributes[name] = value;
        }
        Record(state, path, isDirectory: false, entry, entry.Type == ApkEntryType.SymbolicLink ? 0x1FFu : (uint)mode);
    }

    /// <summary>
    /// True when the folder that will hold <paramref name="path"/> is /dev or a real folder below it: `/dev`
    /// itself must be a directory, not a symlink, and the parent reached by following symlinks must be
    /// found inside it without following any (so `dev/x -> /etc` cannot put `dev/x/mem` at /etc/mem).
    /// </summary>
    private bool ResolvesUnderDev(string path)
    {
        if (_tree.Lookup("dev", followSymlinks: false) is not { IsDirectory: true } dev)
        {
            return false;
        }
        int slash = path.LastIndexOf('/');
        FileNode? parent = _tree.Lookup(path[..slash]);
        if (parent is not { IsDirectory: true })
        {
            return true; // the tree refuses the write itself (no such folder); nothing is created
        }
        var pending = new Stack<FileNode>([dev]);
        var seen = new HashSet<FileNode>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out FileNode? folder))
        {
            if (ReferenceEquals(folder, parent))
            {
                return true;
            }
            if (!seen.Add(folder))
            {
                continue;
            }
            foreach (FileNode child in folder.Children!.Values)
            {
                if (child.IsDirectory)
                {
                    pending.Push(child); // symlinks are not followed: only real folders below /dev count
                }
            }
        }
        return false;
    }

    private FileNode Create(InstalledPackageState state, ApkDataEntry entry, string path, UnixFileMode mode, FileContent? prepared)
    {
        switch (entry.Type)
        {
            case ApkEntryType.RegularFile:
                FileContent content = prepared ?? StoreBody(_installing!, entry, _spill);
                return _tree.CreateFile(path, content, mode);
            case ApkEntryType.SymbolicLink:
                return _tree.Symlink(path, entry.LinkTarget ?? "");
            case ApkEntryType.HardLink:
                string target = TreePath.Normalize(entry.LinkTarget ?? "");
                if (_tree.Lookup(target, followSymlinks: false) is null)
                {
                    throw new ImageDslException(ErrorKind.Integrity, $"{state.Label}: hard link /{path} points at /{target}, which does not exist",
                        "The package is malformed.");
                }
                return _tree.Hardlink(path, target);
            case ApkEntryType.Fifo:
                return _tree.Mknod(path, FileNodeType.Fifo, mode);
            case ApkEntryType.CharacterDevice:
                return _tree.Mknod(path, FileNodeType.CharacterDevice, mode, entry.DeviceMajor, entry.DeviceMinor);
            default:
                return _tree.Mknod(path, FileNodeType.BlockDevice, mode, entry.DeviceMajor, entry.DeviceMinor);
        }
    }

    /// <summary>Copies a regular file's body into <paramref name="spill"/>, reading to its end so its SHA-1 is checked now.</summary>
    internal static FileContent StoreBody(ApkPackage package, ApkDataEntry entry, ContentSpill spill)
    {
        using Stream body = entry.OpenContent();
        FileContent content = spill.Store(body, entry.Size, entry.Checksum);
        if (body.Read(new byte[1], 0, 1) != 0)
        {
            throw new InvalidDataException($"{entry.Path} holds more bytes than its tar header says");
        }
        // The data member's SHA-256 (checked as it was read) and the entry's place in it fix these bytes.
        return content.WithIdentity(string.Create(CultureInfo.InvariantCulture, $"apk:{package.DataHash}:{entry.Ordinal}"));
    }

    private void InstallDirectory(InstalledPackageState state, ApkDataEntry entry, string path, UnixFileMode mode)
    {
        FileNode? existing = _tree.Lookup(path, followSymlinks: false);
        FileNode directory;
        if (existing is null)
        {
            int slash = path.LastIndexOf('/');
            if (slash > 0)
            {
                _tree.MkdirAll(path[..slash]);
            }
            directory = _tree.MkdirAll(path, mode, (int)entry.Uid, (int)entry.Gid);
        }
        else if (existing.Type == FileNodeType.Symlink && _tree.Lookup(path) is { IsDirectory: true } target)
        {
            directory = target; // usrmerge: /lib -> usr/lib and friends
        }
        else if (existing.IsDirectory)
        {
            directory = existing; // the first creator's mode and owner win
        }
        else
        {
            throw new ImageDslException(ErrorKind.Build, $"{state.Label} installs the directory /{path}, where a {existing.Type} exists",
                "The packages disagree about the layout; remove one of them.");
        }
        directory.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(entry.ModificationTime); // last writer wins
        foreach (var (name, value) in entry.Xattrs)
        {
            directory.ExtendedAttributes[name] = value;
        }
        Record(state, path, isDirectory: true, entry, (uint)mode);
    }

    /// <summary>apko's rules for a path that is already taken; true means the new entry replaces it.</summary>
    private bool ShouldReplace(InstalledPackageState state, ApkDataEntry entry, string path, FileNode existing)
    {
        if (entry.Type == ApkEntryType.SymbolicLink && existing.Type == FileNodeType.Symlink && existing.LinkTarget == entry.LinkTarget)
        {
            return false;
        }
        if (existing.IsDirectory)
        {
            return true; // reported by the caller
        }
        if (existing.Package is null || !_byName.TryGetValue(existing.Package, out InstalledPackageState? owner))
        {
            // Made by the build itself (e.g. a key from the keyring): identical content is fine.
            if (SameContent(existing, entry))
            {
                return false;
            }
            throw new ImageDslException(ErrorKind.Build,
                $"{state.Label} installs /{path}, which the build already created with other content",
                "Remove the keyring entry or path mutation that creates this file, or the package.");
        }
        if (SameContent(existing, entry))
        {
            return false;
        }
        if (owner.Info.Replaces.Any(r => BareName(r) == state.Info.Name))
        {
            return false;
        }
        if (state.Info.Replaces.Any(r => BareName(r) == owner.Info.Name)
            || (state.Info.Origin.Length > 0 && state.Info.Origin == owner.Info.Origin))
        {
            if (_fileOwner.TryGetValue(path, out InstalledPackageState? previous))
            {
                previous.Paths.Remove(path);
            }
            return true;
        }
        throw new FileConflictException(path, owner.Label, state.Label);
    }

    private static bool SameContent(FileNode existing, ApkDataEntry entry)
    {
        if (existing.Type == FileNodeType.Symlink || entry.Type == ApkEntryType.SymbolicLink)
        {
            return existing.Type == FileNodeType.Symlink && entry.Type == ApkEntryType.SymbolicLink && existing.LinkTarget == entry.LinkTarget;
        }
        if (existing.Type != FileNodeType.RegularFile || entry.Type != ApkEntryType.RegularFile || entry.Checksum is null)
        {
            return false;
        }
        return existing.Content is { } content && content.ComputeSha1().AsSpan().SequenceEqual(entry.Checksum);
    }

    private void Record(InstalledPackageState state, string path, bool isDirectory, ApkDataEntry entry, uint mode)
    {
        state.Paths[path] = new InstalledPath(path, isDirectory, (uint)entry.Uid, (uint)entry.Gid, mode,
            entry.Type == ApkEntryType.RegularFile ? entry.Checksum : null);
        if (!isDirectory)
        {
            _fileOwner[path] = state;
        }
    }

    private static string BareName(string constraint)
    {
        int end = constraint.IndexOfAny(['=', '<', '>', '~', '@']);
        return end < 0 ? constraint : constraint[..end];
    }
}
