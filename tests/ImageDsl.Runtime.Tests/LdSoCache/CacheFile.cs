using System.Buffers.Binary;
using System.Text;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>One parsed entry of a new-format cache: what ld.so would see.</summary>
internal sealed record CacheRecord(int Flags, string Key, string Value, uint OsVersion, ulong Hwcap)
{
    public override string ToString() => $"{Key} => {Value} (0x{Flags:x4}, hwcap {Hwcap:x})";
}

/// <summary>
/// An independent reader for glibc's new-format `ld.so.cache`, written from the format (not from our
/// writer), so tests can parse ldconfig's file and ours the same way.
/// </summary>
internal sealed record CacheFile(int LibraryCount, int StringsLength, byte EndianFlag, uint ExtensionOffset, IReadOnlyList<CacheRecord> Records)
{
    public const int HeaderSize = 48;
    public const int EntrySize = 24;

    /// <summary>The offset just past the string table.</summary>
    public int StringsEnd => HeaderSize + LibraryCount * EntrySize + StringsLength;

    public static CacheFile Parse(byte[] file, bool bigEndian = false)
    {
        Assert.True(file.Length >= HeaderSize, "the cache is shorter than its header");
        Assert.Equal("glibc-ld.so.cache1.1", Encoding.ASCII.GetString(file, 0, 20));
        uint U32(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
        ulong U64(int at) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
        string Text(uint at)
        {
            int end = Array.IndexOf(file, (byte)0, (int)at);
            Assert.True(end >= 0, $"string at {at} is not terminated");
            return Encoding.UTF8.GetString(file, (int)at, end - (int)at);
        }

        int count = (int)U32(20);
        int strings = (int)U32(24);
        Assert.True(HeaderSize + count * EntrySize + strings <= file.Length, "the string table runs past the end");
        var records = new List<CacheRecord>();
        for (int i = 0; i < count; i++)
        {
            int at = HeaderSize + i * EntrySize;
            records.Add(new CacheRecord((int)U32(at), Text(U32(at + 4)), Text(U32(at + 8)), U32(at + 12), U64(at + 16)));
        }
        return new CacheFile(count, strings, file[28], U32(32), records);
    }
}
