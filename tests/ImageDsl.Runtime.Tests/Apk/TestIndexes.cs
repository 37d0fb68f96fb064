using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Apk;

/// <summary>Builds small APKINDEX archives (plain, signed, hostile) for tests.</summary>
internal static class TestIndexes
{
    public static readonly string AlpineIndexPath = Fixtures.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz");
    public static readonly string AlpineKeyPath = Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub");

    private static readonly Lazy<ApkIndex> Alpine = new(() => ReadAlpine(ApkRepository.Parse("https://dl-cdn.alpinelinux.org/alpine/v3.17/main")));

    /// <summary>The real Alpine 3.17 aarch64 index, verified, parsed once per test run.</summary>
    public static ApkIndex Alpine317 => Alpine.Value;

    public static ApkIndex ReadAlpine(ApkRepository repository) =>
        ApkIndex.Read(File.ReadAllBytes(AlpineIndexPath), repository, "aarch64", AlpineIndexPath,
            new Keyring([ApkPublicKey.FromFile(AlpineKeyPath)]));

    /// <summary>A tar.gz with the given entries, in order.</summary>
    public static byte[] TarGz(params (string Name, string Content)[] entries)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                writer.WriteEntry(entry);
            }
        }
        return GzipMemberWriter.Compress(tar.ToArray());
    }

    /// <summary>An index archive: DESCRIPTION + APKINDEX, optionally signed (RSA256) by <paramref name="key"/>.</summary>
    public static byte[] IndexArchive(string apkindex, ApkPrivateKey? key = null, string description = "test")
    {
        byte[] content = TarGz(("DESCRIPTION", description), ("APKINDEX", apkindex));
        return key is null ? content : Sign(content, key);
    }

    /// <summary>
    /// Prepends a signature member (a tar of `.SIGN.RSA256.&lt;key&gt;` entries, no end blocks). Keys in
    /// <paramref name="corrupt"/> sign something else, so their signature does not verify.
    /// </summary>
    public static byte[] Sign(byte[] content, ApkPrivateKey key, ApkPrivateKey[]? more = null, ApkPrivateKey[]? corrupt = null)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (ApkPrivateKey k in (ApkPrivateKey[])[.. corrupt ?? [], key, .. more ?? []])
            {
                byte[] signature = k.SignSha256(corrupt?.Contains(k) == true ? [.. content, 0] : content);
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, ".SIGN.RSA256." + k.PublicKeyName)
                {
                    DataStream = new MemoryStream(signature),
                    ModificationTime = DateTimeOffset.UnixEpoch,
                });
            }
        }
        byte[] withEnd = tar.ToArray();
        byte[] signatureTar = withEnd.AsSpan(0, withEnd.Length - 1024).ToArray();
        return [.. GzipMemberWriter.Compress(signatureTar), .. content];
    }

    /// <summary>One APKINDEX record; <paramref name="fields"/> are extra `X:value` lines.</summary>
    public static string Record(string name, string version, params string[] fields) =>
        $"C:Q1{Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(name + version)))}\n" +
        $"P:{name}\nV:{version}\nA:x86_64\nS:100\nI:200\nT:{name} package\n" +
        string.Concat(fields.Select(f => f + "\n")) + "\n";

    /// <summary>An index parsed from records (unsigned, plain text).</summary>
    public static ApkIndex Text(string repository, string arch, params string[] records)
    {
        ApkRepository repo = ApkRepository.Parse(repository);
        return ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(records))), repo, arch, repo.IndexUrl(arch));
    }
}
