using System.Formats.Tar;
using System.IO.Compression;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Index;

/// <summary>
/// A parsed repository index for one arch: its packages in index order, its description and how it was
/// verified. Read from APKINDEX.tar.gz (<see cref="Read(byte[], ApkRepository, string, string, Keyring?, long)"/>) or from plain APKINDEX text (<see cref="ParseText"/>).
/// </summary>
public sealed class ApkIndex
{
    /// <summary>apko's default limit on the decompressed size of an index (`--max-apkindex-decompressed-size`).</summary>
    public const long DefaultMaxDecompressedSize = 300L << 20;

    private ApkIndex(ApkRepository repository, string arch, string location, string description,
        IReadOnlyList<PackageRecord> packages, IndexSignatures signatures, string? verifiedBy)
    {
        Repository = repository;
        Arch = arch;
        Location = location;
        Description = description;
        Packages = packages;
        Signatures = signatures;
        VerifiedBy = verifiedBy;
    }

    /// <summary>The repository the index belongs to.</summary>
    public ApkRepository Repository { get; }

    /// <summary>The apk arch folder (`x86_64`, `aarch64`...).</summary>
    public string Arch { get; }

    /// <summary>Where the index was read from (URL or path).</summary>
    public string Location { get; }

    /// <summary>The DESCRIPTION entry (e.g. `v3.17.3-…`), or "".</summary>
    public string Description { get; }

    /// <summary>The packages in index order (records with an empty name are dropped).</summary>
    public IReadOnlyList<PackageRecord> Packages { get; }

    /// <summary>The signature member found in the archive.</summary>
    public IndexSignatures Signatures { get; }

    /// <summary>The key whose signature verified, or null when verification was skipped.</summary>
    public string? VerifiedBy { get; }

    /// <summary>
    /// Reads an APKINDEX.tar.gz held in memory: verifies its signature against <paramref name="keyring"/>
    /// (unless <paramref name="keyring"/> is null, which means `--ignore-signatures`), then parses it.
    /// </summary>
    /// <param name="archive">The file's bytes exactly as downloaded.</param>
    /// <param name="repository">The repository it belongs to.</param>
    /// <param name="arch">The apk arch folder.</param>
    /// <param name="location">The index URL or path, for messages.</param>
    /// <param name="keyring">Trusted keys, or null to skip verification.</param>
    /// <param name="maxDecompressedSize">The most bytes the archive may decompress to (-1: unlimited).</param>
    public static ApkIndex Read(byte[] archive, ApkRepository repository, string arch, string location,
        Keyring? keyring, long maxDecompressedSize = DefaultMaxDecompressedSize) =>
        Read(new MemoryStream(archive, writable: false), repository, arch, location, keyring, maxDecompressedSize);

    /// <summary>
    /// As <see cref="Read(byte[], ApkRepository, string, string, Keyring?, long)"/>, from a seekable stream
    /// (a file): verified by hashing as it reads and parsed as it decompresses, never held whole in memory.
    /// The stream is left open.
    /// </summary>
    public static ApkIndex Read(Stream archive, ApkRepository repository, string arch, string location,
        Keyring? keyring, long maxDecompressedSize = DefaultMaxDecompressedSize)
    {
        string what = UrlRedaction.Redact(location);
        IndexSignatures signatures = IndexSignatures.Locate(archive, what);
        string? verifiedBy = keyring is null ? null : IndexVerifier.Verify(archive, signatures, keyring, location);
        string description = "";
        List<PackageRecord>? packages = null;
        try
        {
            archive.Position = signatures.SignedContentStart;
            using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            using var limited = new SizeLimitedStream(gzip, maxDecompressedSize, what);
            using var tar = new TarReader(limited);
            while (tar.GetNextEntry() is { } entry)
            {
                switch (entry.Name)
                {
                    case "APKINDEX":
                        packages = entry.DataStream is null ? [] : ApkIndexTextParser.Parse(entry.DataStream, repository, arch, what);
                        break;
                    case "DESCRIPTION":
                        description = entry.DataStream is null ? "" : ReadDescription(entry.DataStream, what);
                        break;
                    default:
                        if (!entry.Name.StartsWith(".SIGN.", StringComparison.Ordinal))
                        {
                            throw new ImageDslException(ErrorKind.Integrity, $"{what}: unexpected file found in APKINDEX: {entry.Name}",
                                "An index archive may only hold APKINDEX, DESCRIPTION and .SIGN.* entries; regenerate it.");
                        }
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{what}: the index archive is damaged: {e.Message}",
                "Fetch it again (a partial download or a proxy error page?) or regenerate the index.", e);
        }
        if (packages is null)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{what}: the archive holds no APKINDEX entry",
                "This is not an apk repository index; check the repository URL.");
        }
        return new ApkIndex(repository, arch, location, description, packages, signatures, verifiedBy);
    }

    /// <summary>The most bytes of DESCRIPTION kept (apk writes one short line); more is an error, not a large string.</summary>
    public const int MaxDescriptionBytes = 64 * 1024;

    private static string ReadDescription(Stream data, string what)
    {
        byte[] buffer = new byte[MaxDescriptionBytes + 1];
        int read = data.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read > MaxDescriptionBytes)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{what}: the index's DESCRIPTION is longer than {MaxDescriptionBytes} bytes",
                "A DESCRIPTION is one short line; regenerate the index.");
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Parses plain APKINDEX text (e.g. an installed-database style index) without an archive or signature.</summary>
    public static ApkIndex ParseText(Stream text, ApkRepository repository, string arch, string location)
    {
        string what = UrlRedaction.Redact(location);
        List<PackageRecord> packages = ApkIndexTextParser.Parse(text, repository, arch, what);
        return new ApkIndex(repository, arch, location, "", packages, new IndexSignatures(0, []), null);
    }
}
