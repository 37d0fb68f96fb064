using System.Buffers.Binary;
using System.Text;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// Writes glibc's "new format" `/etc/ld.so.cache` (`glibc-ld.so.cache1.1`, no libc5 part), laid
/// out as glibc 2.33+ ldconfig lays it out: entries sorted descending by
/// <see cref="LibraryNameComparer"/> (then flags, descending; equal entries keep their order, so the
/// first directory wins), and a string table with shared suffixes (each key is the tail of its
/// path). Unlike ldconfig it writes no extension section (ldconfig's only holds its own version
/// string): `extension_offset` is 0 and the file is zero-padded to a multiple of 16, as apko pads it.
/// </summary>
public static class LdSoCacheFormat
{
    /// <summary>`glibc-ld.so.cache` + `1.1`.</summary>
    public const string Magic = "glibc-ld.so.cache1.1";

    /// <summary>sizeof(struct cache_file_new).</summary>
    public const int HeaderSize = 48;

    /// <summary>sizeof(struct file_entry_new).</summary>
    public const int EntrySize = 24;

    private const byte FlagsLittleEndian = 2;
    private const byte FlagsBigEndian = 3;

    /// <summary>
    /// The cache file bytes. <paramref name="comparer"/> must match the `char` signedness of the
    /// target's ld.so and <paramref name="bigEndian"/> its byte order.
    /// </summary>
    public static byte[] Write(IEnumerable<LdSoCacheEntry> entries, LibraryNameComparer comparer, bool bigEndian)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(comparer);
        var encoded = Sort(entries, comparer)
            .Select(e => (Key: Encoding.UTF8.GetBytes(e.Key), Path: Encoding.UTF8.GetBytes(e.Path), e.Flags))
            .ToList();
        var strings = StringTable.Build(encoded.SelectMany(e => new[] { e.Key, e.Path }));

        int stringsStart = HeaderSize + encoded.Count * EntrySize;
        int end = stringsStart + strings.Bytes.Length;
        var file = new byte[(end + 15) & ~15];
        Encoding.ASCII.GetBytes(Magic).CopyTo(file, 0);
        WriteUInt32(file, 20, (uint)encoded.Count, bigEndian);
        WriteUInt32(file, 24, (uint)strings.Bytes.Length, bigEndian);
        file[28] = bigEndian ? FlagsBigEndian : FlagsLittleEndian;
        // 29..31 padding, 32 extension_offset = 0, 36..47 unused: all zero.
        for (int i = 0; i < encoded.Count; i++)
        {
            int at = HeaderSize + i * EntrySize;
            WriteUInt32(file, at, (uint)encoded[i].Flags, bigEndian);
            WriteUInt32(file, at + 4, (uint)(stringsStart + strings.Offsets[encoded[i].Key]), bigEndian);
            WriteUInt32(file, at + 8, (uint)(stringsStart + strings.Offsets[encoded[i].Path]), bigEndian);
            // osversion_unused (4 bytes) and hwcap (8 bytes) stay 0.
        }
        strings.Bytes.CopyTo(file, stringsStart);
        return file;
    }

    /// <summary>
    /// The entries in cache order: key descending by <paramref name="comparer"/>, then flags
    /// descending; entries that tie keep their given order (ldconfig inserts after equals).
    /// </summary>
    public static IReadOnlyList<LdSoCacheEntry> Sort(IEnumerable<LdSoCacheEntry> entries, LibraryNameComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(comparer);
        return entries
            .OrderByDescending(e => Encoding.UTF8.GetBytes(e.Key), comparer)
            .ThenByDescending(e => e.Flags)
            .ToList();
    }

    private static void WriteUInt32(byte[] buffer, int at, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), value);
        }
    }
}
