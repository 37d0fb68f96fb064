using System.Buffers.Binary;
using System.Text;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// What the ld.so cache needs from an ELF shared object (ET_DYN): its machine, class, ABI flags and
/// DT_SONAME values. Read the way ld.so and ldconfig read it: through the program headers
/// (PT_DYNAMIC, and the PT_LOAD segment holding DT_STRTAB), never the section headers, so stripped
/// objects work. 32- and 64-bit, either byte order.
/// </summary>
/// <param name="Machine">`e_machine` (62 x86_64, 183 aarch64...).</param>
/// <param name="Is64Bit">ELFCLASS64.</param>
/// <param name="IsBigEndian">ELFDATA2MSB.</param>
/// <param name="Flags">`e_flags` (float ABI on arm, riscv, loongarch).</param>
/// <param name="Sonames">Every DT_SONAME in dynamic-section order (usually one, possibly none).</param>
public sealed record ElfSharedObject(int Machine, bool Is64Bit, bool IsBigEndian, uint Flags, IReadOnlyList<string> Sonames)
{
    private const ushort EtDyn = 3;
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const long DtNull = 0;
    private const long DtStrtab = 5;
    private const long DtStrsz = 10;
    private const long DtSoname = 14;
    private const int MaxProgramHeaders = 4096;
    private const int MaxDynamicEntries = 65536;

    /// <summary>
    /// Real objects have one DT_SONAME. More than this many is refused (the file is skipped), so a small
    /// package with thousands of DT_SONAME entries, each naming a long string, cannot make the reader
    /// read or keep gigabytes; per file the reader then allocates at most ~1.4 MB.
    /// </summary>
    internal const int MaxSonames = 16;

    /// <summary>
    /// Reads <paramref name="stream"/> (seekable, positioned anywhere). Returns null for anything
    /// that is not a well-formed ELF shared object: not ELF, not ET_DYN, no dynamic segment or
    /// string table, an offset outside the file, or more than <see cref="MaxSonames"/> DT_SONAME entries.
    /// Only the headers, the dynamic segment and the soname strings are read, each bounded.
    /// </summary>
    public static ElfSharedObject? TryRead(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return TryRead(copy);
        }
        var file = new Reader(stream);
        byte[]? ident = file.Read(0, 16);
        if (ident is null || ident[0] != 0x7F || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F'
            || ident[4] is not (1 or 2) || ident[5] is not (1 or 2))
        {
            return null;
        }
        bool is64 = ident[4] == 2;
        bool big = ident[5] == 2;
        byte[]? header = file.Read(0, is64 ? 64 : 52);
        if (header is null)
        {
            return null;
        }
        var h = new Fields(header, big);
        if (h.U16(16) != EtDyn)
        {
            return null;
        }
        int machine = h.U16(18);
        ulong phoff = is64 ? h.U64(32) : h.U32(28);
        uint flags = h.U32(is64 ? 48 : 36);
        int phentsize = h.U16(is64 ? 54 : 42);
        int phnum = h.U16(is64 ? 56 : 44);
        if (phnum > MaxProgramHeaders || phentsize < (is64 ? 56 : 32))
        {
            return null;
        }

        var loads = new List<(ulong Offset, ulong Vaddr, ulong Filesz)>();
        (ulong Offset, ulong Size)? dynamic = null;
        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)i * (ulong)phentsize;
            // Only the fields used are read: e_phentsize may claim up to 64 KiB per header.
            byte[]? raw = at < phoff ? null : file.Read(at, is64 ? 56 : 32);
            if (raw is null)
            {
                return null;
            }
            var p = new Fields(raw, big);
            uint type = p.U32(0);
            ulong offset = is64 ? p.U64(8) : p.U32(4);
            ulong vaddr = is64 ? p.U64(16) : p.U32(8);
            ulong filesz = is64 ? p.U64(32) : p.U32(16);
            if (type == PtLoad)
            {
                loads.Add((offset, vaddr, filesz));
            }
            else if (type == PtDynamic && dynamic is null)
            {
                dynamic = (offset, filesz);
            }
        }
        if (dynamic is not { } dyn || dyn.Size == 0)
        {
            return null;
        }

        int entrySize = is64 ? 16 : 8;
        long count = (long)Math.Min(dyn.Size / (ulong)entrySize, MaxDynamicEntries);
        byte[]? table = file.Read(dyn.Offset, (int)(count * entrySize));
        if (table is null)
        {
            return null;
        }
        var d = new Fields(table, big);
        ulong? strtab = null;
        ulong strsz = ulong.MaxValue;
        var sonameOffsets = new List<ulong>();
        for (int i = 0; i < count; i++)
        {
            long tag = is64 ? (long)d.U64(i * 16) : (int)d.U32(i * 8);
            ulong value = is64 ? d.U64(i * 16 + 8) : d.U32(i * 8 + 4);
            if (tag == DtNull)
            {
                break;
            }
            switch (tag)
            {
                case DtStrtab:
                    strtab ??= value;
                    break;
                case DtStrsz:
                    strsz = value;
                    break;
                case DtSoname:
                    if (sonameOffsets.Count == MaxSonames)
                    {
                        return null;
                    }
                    sonameOffsets.Add(value);
                    break;
            }
        }
        if (strtab is not { } strtabAddress || FileOffset(loads, strtabAddress) is not { } strings)
        {
            return null;
        }
        var sonames = new List<string>(sonameOffsets.Count);
        foreach (ulong offset in sonameOffsets)
        {
            if (offset >= strsz || strings + offset < strings || file.ReadCString(strings + offset) is not { } name)
            {
                return null;
            }
            sonames.Add(name);
        }
        return new ElfSharedObject(machine, is64, big, flags, sonames);
    }

    /// <summary>The file offset of virtual address <paramref name="address"/>: inside the PT_LOAD segment holding it.</summary>
    private static ulong? FileOffset(List<(ulong Offset, ulong Vaddr, ulong Filesz)> loads, ulong address)
    {
        foreach (var (offset, vaddr, filesz) in loads)
        {
            if (address >= vaddr && address - vaddr < filesz)
            {
                ulong at = offset + (address - vaddr);
                return at < offset ? null : at;
            }
        }
        return null;
    }

    /// <summary>Integers at offsets of a byte block, in the file's byte order.</summary>
    private readonly struct Fields(byte[] data, bool bigEndian)
    {
        public ushort U16(int at) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at));

        public uint U32(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));

        public ulong U64(int at) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at));
    }

    /// <summary>Bounded positional reads: null instead of an exception when a range leaves the file.</summary>
    private sealed class Reader(Stream stream)
    {
        private const int MaxName = 4096;

        public byte[]? Read(ulong offset, int count)
        {
            ulong length = (ulong)stream.Length;
            if (count < 0 || offset > length || (ulong)count > length - offset)
            {
                return null;
            }
            var buffer = new byte[count];
            stream.Position = (long)offset;
            stream.ReadExactly(buffer);
            return buffer;
        }

        public string? ReadCString(ulong offset)
        {
            ulong length = (ulong)stream.Length;
            if (offset >= length)
            {
                return null;
            }
            byte[] chunk = Read(offset, (int)Math.Min(MaxName, length - offset))!;
            int end = Array.IndexOf(chunk, (byte)0);
            return end < 0 ? null : Encoding.UTF8.GetString(chunk, 0, end);
        }
    }
}
