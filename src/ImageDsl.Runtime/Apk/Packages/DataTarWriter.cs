using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>Writes the gzip-compressed data tar of a package, as abuild does (PAX checksum records, end blocks).</summary>
internal static class DataTarWriter
{
    private const string ChecksumRecord = "APK-TOOLS.checksum.SHA1";

    /// <summary>Writes the member and returns the installed size (the sum of the regular files' sizes).</summary>
    public static long Write(Stream output, IReadOnlyList<PackEntry> entries, long mtime)
    {
        long installed = 0;
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var tar = AbuildTar.Writer(gzip);
            foreach (PackEntry entry in entries)
            {
                installed += WriteEntry(tar, entry, mtime);
            }
            tar.Finish();
        }
        return installed;
    }

    private static long WriteEntry(DeterministicTarWriter tar, PackEntry entry, long mtime)
    {
        var pax = new List<KeyValuePair<string, byte[]>>();
        var spec = AbuildTar.Entry(entry.Path, TypeFlag(entry.Type)) with
        {
            Mode = (UnixFileMode)(entry.Mode),
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = entry.UserName,
            GroupName = entry.GroupName,
            ModificationTime = mtime,
            LinkName = entry.LinkTarget ?? "",
            DeviceMajor = entry.DeviceMajor,
            DeviceMinor = entry.DeviceMinor,
        };
        switch (entry.Type)
        {
            case ApkEntryType.RegularFile:
                (byte[] sha1, long size) = HashContent(entry);
                pax.Add(new(ChecksumRecord, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(sha1))));
                AddXattrs(pax, entry);
                using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1))
                using (Stream content = entry.OpenContent!())
                {
                    tar.WriteEntry(spec with { Size = size, PaxRecords = pax }, new HashingReadStream(content, hash));
                    if (!hash.GetHashAndReset().AsSpan().SequenceEqual(sha1))
                    {
                        throw new IOException($"{entry.Path} changed while it was being packed");
                    }
                }
                return size;
            case ApkEntryType.SymbolicLink:
                // apk records the SHA-1 of a symlink's target.
                pax.Add(new(ChecksumRecord, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(entry.LinkTarget!))))));
                break;
        }
        AddXattrs(pax, entry);
        tar.WriteEntry(spec with { PaxRecords = pax });
        return 0;
    }

    private static void AddXattrs(List<KeyValuePair<string, byte[]>> pax, PackEntry entry)
    {
        foreach (var (name, value) in entry.Xattrs.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            pax.Add(new("SCHILY.xattr." + name, value));
        }
    }

    private static (byte[] Sha1, long Size) HashContent(PackEntry entry)
    {
        using Stream content = entry.OpenContent!();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        int n;
        while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            size += n;
        }
        return (hash.GetHashAndReset(), size);
    }

    private static char TypeFlag(ApkEntryType type) => type switch
    {
        ApkEntryType.RegularFile => '0',
        ApkEntryType.HardLink => '1',
        ApkEntryType.SymbolicLink => '2',
        ApkEntryType.CharacterDevice => '3',
        ApkEntryType.BlockDevice => '4',
        ApkEntryType.Directory => '5',
        _ => '6',
    };
}
