using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>Streams a package's data tar as <see cref="ApkDataEntry"/>s, checking each entry on the way.</summary>
internal sealed class DataEntryReader(ApkPackage package, Func<Stream> openData, ApkPackageReaderOptions options)
{
    private const string ChecksumRecord = "APK-TOOLS.checksum.SHA1";
    private const string XattrPrefix = "SCHILY.xattr.";

    /// <summary>The compressed data size from which a package is inflated on a thread of its own.</summary>
    private const long ReadAheadFrom = 1 << 20;

    private readonly PackageErrors _errors = new(package.Source, options) { Info = package.Info };
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);

    public IEnumerable<ApkDataEntry> Read()
    {
        // Looked up when the entries are first asked for, so an enumerable never read holds no open file.
        FileStream? expanded = options.ExpandedData?.TryOpen(package.DataSha256, options.MaxDataSize);
        foreach (ApkDataEntry entry in expanded is null ? ReadInflating() : ReadExpanded(expanded))
        {
            yield return entry;
        }
    }

    /// <summary>The data member inflated from the package (and kept in the expanded cache when there is one).</summary>
    private IEnumerable<ApkDataEntry> ReadInflating()
    {
        using Stream raw = openData();
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashing = new HashingReadStream(raw, sha256);
        using var gzip = new GZipStream(hashing, CompressionMode.Decompress, leaveOpen: true);
        // Inflating (and the data hash) runs one core ahead of parsing, checking and storing entries;
        // not worth a thread for a small package.
        using ReadAheadStream? ahead = package.DataRange.Length >= ReadAheadFrom ? new ReadAheadStream(gzip) : null;
        using Repositories.ExpandedDataCache.Writer? expanded = options.ExpandedData?.BeginWrite(package.DataSha256);
        Stream inflated = (Stream?)ahead ?? gzip;
        foreach (ApkDataEntry entry in Entries(expanded is null ? inflated : new TeeReadStream(inflated, expanded.Append), filesVerified: false))
        {
            yield return entry;
        }
        Drain(hashing);
        byte[] actual = sha256.GetHashAndReset();
        if (!CryptographicOperations.FixedTimeEquals(actual, package.DataSha256))
        {
            throw _errors.Integrity("the data member changed while it was being read (its SHA-256 no longer matches the datahash)");
        }
        expanded?.Commit(); // only what the verified member inflated to
    }

    /// <summary>The data tar from the expanded cache (verified against its name when opened).</summary>
    private IEnumerable<ApkDataEntry> ReadExpanded(FileStream expanded)
    {
        using (expanded)
        {
            options.Log?.Invoke($"package {package.NameVersion}: data read from the expanded cache");
            using ReadAheadStream? ahead = expanded.Length >= ReadAheadFrom ? new ReadAheadStream(expanded) : null;
            // Its files' SHA-1s were checked when the entry was written from the verified package, and the entry was
            // hashed whole and authenticated when opened: hashing every file again would only repeat that work
            // (a visible share of a no-change rebuild of benchmarks/realdata.sh's image).
            foreach (ApkDataEntry entry in Entries((Stream?)ahead ?? expanded, filesVerified: true))
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Parses and checks the entries of the inflated data tar, then reads it to its end; with
    /// <paramref name="filesVerified"/> the files' contents are not SHA-1 checked again.
    /// </summary>
    private IEnumerable<ApkDataEntry> Entries(Stream inflated, bool filesVerified)
    {
        var limited = new SizeLimitedReadStream(inflated, options.MaxDataSize, () => _errors.Integrity(
            $"its data member decompresses to more than {options.MaxDataSize} bytes",
            "The package is hostile or damaged; if it is genuine, raise the data size limit."));
        var tar = new StreamingTarReader(limited);
        for (int ordinal = 0; ; ordinal++)
        {
            TarEntryHeader? header = Guard(tar.Next);
            if (header is null)
            {
                break;
            }
            EntryContent? content = null;
            ApkDataEntry? entry = Build(header, tar, ordinal, filesVerified, ref content);
            if (entry is not null)
            {
                yield return entry;
            }
            content?.Retire(); // verifies the SHA-1 of whatever the caller did not read
        }
        Guard(() => Drain(limited));
    }

    private ApkDataEntry? Build(TarEntryHeader header, StreamingTarReader tar, int ordinal, bool filesVerified, ref EntryContent? content)
    {
        string path = EntryPath.Normalize(header.Name, out string? problem)
            ?? throw Unsafe(header.Name, problem!);
        char typeFlag = (char)(byte)header.Kind;
        ApkEntryType type = typeFlag switch
        {
            '0' or '7' => ApkEntryType.RegularFile,
            '1' => ApkEntryType.HardLink,
            '2' => ApkEntryType.SymbolicLink,
            '3' => ApkEntryType.CharacterDevice,
            '4' => ApkEntryType.BlockDevice,
            '5' => ApkEntryType.Directory,
            '6' => ApkEntryType.Fifo,
            _ => throw _errors.Integrity($"entry '{Printable(header.Name)}' has the unsupported tar type '{typeFlag}'"),
        };
        if (path.Length == 0)
        {
            return type == ApkEntryType.Directory ? null : throw Unsafe(header.Name, "a non-directory entry names the image root");
        }
        CheckOwnerAndTime(header, path);
        byte[]? checksum = Checksum(header, path);
        string? link = null;
        switch (type)
        {
            case ApkEntryType.RegularFile:
                if (checksum is null && options.RequireFileChecksums)
                {
                    throw _errors.Integrity($"file {path} has no {ChecksumRecord} record, so its content cannot be verified");
                }
                _files.Add(path);
                content = new EntryContent(tar, filesVerified ? null : actual => FileMismatch(path, checksum, actual), e => Corrupt(e));
                break;
            case ApkEntryType.SymbolicLink:
                link = header.LinkName;
                if (link.Length == 0 || link.Contains('\0'))
                {
                    throw Unsafe(path, "a symlink with an empty target or a NUL byte in it");
                }
                if (checksum is not null && FileMismatch(path, checksum, SHA1.HashData(Encoding.UTF8.GetBytes(link))) is { } mismatch)
                {
                    throw mismatch;
                }
                break;
            case ApkEntryType.HardLink:
                link = EntryPath.Normalize(header.LinkName, out problem) ?? throw Unsafe(path, $"its hard link target '{Printable(header.LinkName)}' is unsafe: {problem}");
                if (!_files.Contains(link))
                {
                    throw Unsafe(path, $"it is a hard link to '{link}', which is not an earlier regular file of this package");
                }
                break;
        }
        return new ApkDataEntry(content)
        {
            Path = path,
            Type = type,
            Mode = (int)header.Mode,
            Uid = header.Uid,
            Gid = header.Gid,
            UserName = header.UserName,
            GroupName = header.GroupName,
            ModificationTime = header.ModificationTime,
            LinkTarget = link,
            DeviceMajor = header.DeviceMajor,
            DeviceMinor = header.DeviceMinor,
            Xattrs = Xattrs(header),
            Checksum = checksum,
            Size = type == ApkEntryType.RegularFile ? header.Size : 0,
            Ordinal = ordinal,
        };
    }

    /// <summary>Ids beyond 2^31-1 would wrap (2^32 is uid 0: a setuid file would become setuid root); bad times would throw later.</summary>
    private void CheckOwnerAndTime(TarEntryHeader header, string path)
    {
        foreach (var (what, id) in new[] { ("uid", header.Uid), ("gid", header.Gid) })
        {
            if (!EntryLimits.IsValidId(id))
            {
                throw _errors.Integrity($"entry '{path}' has {what} {id}, outside the accepted 0..{EntryLimits.MaxId}",
                    "Ids above 2^31-1 wrap or turn negative in image tools (2^32 becomes root); the package is broken or hostile, do not install it.");
            }
        }
        if (!EntryLimits.IsValidTime(header.ModificationTime))
        {
            throw _errors.Integrity($"entry '{path}' has the modification time {header.ModificationTime}, outside years 1-9999",
                "The package is broken or hostile; do not install it.");
        }
    }

    private byte[]? Checksum(TarEntryHeader header, string path)
    {
        if (header.PaxRecord(ChecksumRecord) is not { } value)
        {
            return null;
        }
        return ApkChecksum.TryParsePaxSha1(value, out byte[] sha1)
            ? sha1
            : throw _errors.Integrity($"file {path} has a malformed {ChecksumRecord} record '{Printable(Encoding.ASCII.GetString(value))}'");
    }

    private static Dictionary<string, byte[]> Xattrs(TarEntryHeader header)
    {
        var xattrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in header.PaxRecords)
        {
            if (key.StartsWith(XattrPrefix, StringComparison.Ordinal) && key.Length > XattrPrefix.Length)
            {
                xattrs[key[XattrPrefix.Length..]] = value;
            }
        }
        return xattrs;
    }

    private Exception? FileMismatch(string path, byte[]? expected, byte[] actual) =>
        expected is null || CryptographicOperations.FixedTimeEquals(expected, actual)
            ? null
            : _errors.Integrity($"checksum mismatch for {path}: the package records SHA-1 {Convert.ToHexStringLower(expected)}, the content hashes to {Convert.ToHexStringLower(actual)}");

    private ImageDslException Unsafe(string name, string problem) =>
        _errors.Integrity($"unsafe entry '{Printable(name)}': {problem}",
            "The package tries to write outside the image root or holds malformed names; do not install it.");

    private ImageDslException Corrupt(Exception e) => _errors.Integrity($"its data member is corrupt: {e.Message}", inner: e);

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw Corrupt(e);
        }
    }

    private static int Drain(Stream stream)
    {
        byte[] buffer = new byte[65536];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }
        return 0;
    }

    private static string Printable(string name) => EntryLimits.Printable(name);
}
