using System.Buffers.Binary;
using System.Text;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>
/// Makes the smallest ELF files ld.so and ldconfig accept as shared objects: an ELF header, a
/// PT_LOAD covering the whole file (at a virtual address unlike its file offset, so address
/// translation is exercised), a PT_DYNAMIC, a string table and a dynamic section holding
/// DT_NEEDED / DT_SONAME / DT_STRTAB / DT_STRSZ. Either class, either byte order.
/// </summary>
internal sealed record ElfBuilder
{
    public const int X8664 = 62;
    public const int I386 = 3;
    public const int Aarch64 = 183;
    public const int Arm = 40;
    public const int S390 = 22;
    public const int Riscv = 243;
    public const int LoongArch = 258;
    public const int SparcV9 = 43;

    private const ulong LoadAddress = 0x10000;

    public int Machine { get; init; } = X8664;
    public bool Is64Bit { get; init; } = true;
    public bool BigEndian { get; init; }
    public uint Flags { get; init; }
    public ushort Type { get; init; } = 3; // ET_DYN
    public string[] Sonames { get; init; } = [];
    public string[] Needed { get; init; } = [];
    public bool DynamicSegment { get; init; } = true;

    public static byte[] Library(string? soname, int machine = X8664) =>
        new ElfBuilder { Sonames = soname is null ? [] : [soname], Machine = machine }.Build();

    public byte[] Build()
    {
        int headerSize = Is64Bit ? 64 : 52;
        int phSize = Is64Bit ? 56 : 32;
        int dynSize = Is64Bit ? 16 : 8;

        var strings = new MemoryStream();
        strings.WriteByte(0);
        var dynamic = new List<(long Tag, ulong Value)>();
        foreach (string needed in Needed)
        {
            dynamic.Add((1, (ulong)strings.Length));
            strings.Write(Encoding.UTF8.GetBytes(needed + "\0"));
        }
        foreach (string soname in Sonames)
        {
            dynamic.Add((14, (ulong)strings.Length));
            strings.Write(Encoding.UTF8.GetBytes(soname + "\0"));
        }
        int strtabOffset = headerSize + 2 * phSize;
        dynamic.Add((5, LoadAddress + (ulong)strtabOffset));
        dynamic.Add((10, (ulong)strings.Length));
        dynamic.Add((0, 0));
        int dynOffset = (int)(strtabOffset + strings.Length + 7) & ~7;
        int total = dynOffset + dynamic.Count * dynSize;

        var file = new byte[total];
        "\u007fELF"u8.CopyTo(file);
        file[4] = (byte)(Is64Bit ? 2 : 1);
        file[5] = (byte)(BigEndian ? 2 : 1);
        file[6] = 1;
        U16(file, 16, Type);
        U16(file, 18, (ushort)Machine);
        U32(file, 20, 1);
        if (Is64Bit)
        {
            U64(file, 32, (ulong)headerSize); // e_phoff
            U32(file, 48, Flags);
            U16(file, 52, (ushort)headerSize);
            U16(file, 54, (ushort)phSize);
            U16(file, 56, (ushort)(DynamicSegment ? 2 : 1));
            U16(file, 58, 64);
        }
        else
        {
            U32(file, 28, (uint)headerSize);
            U32(file, 36, Flags);
            U16(file, 40, (ushort)headerSize);
            U16(file, 42, (ushort)phSize);
            U16(file, 44, (ushort)(DynamicSegment ? 2 : 1));
            U16(file, 46, 40);
        }
        ProgramHeader(file, headerSize, type: 1, flags: 5, offset: 0, vaddr: LoadAddress, size: (ulong)total, align: 0x1000);
        if (DynamicSegment)
        {
            ulong dynBytes = (ulong)(dynamic.Count * dynSize);
            ProgramHeader(file, headerSize + phSize, type: 2, flags: 6, offset: (ulong)dynOffset, vaddr: LoadAddress + (ulong)dynOffset, size: dynBytes, align: 8);
        }
        strings.ToArray().CopyTo(file, strtabOffset);
        for (int i = 0; i < dynamic.Count; i++)
        {
            int at = dynOffset + i * dynSize;
            if (Is64Bit)
            {
                U64(file, at, (ulong)dynamic[i].Tag);
                U64(file, at + 8, dynamic[i].Value);
            }
            else
            {
                U32(file, at, (uint)dynamic[i].Tag);
                U32(file, at + 4, (uint)dynamic[i].Value);
            }
        }
        return file;
    }

    private void ProgramHeader(byte[] file, int at, uint type, uint flags, ulong offset, ulong vaddr, ulong size, ulong align)
    {
        if (Is64Bit)
        {
            U32(file, at, type);
            U32(file, at + 4, flags);
            U64(file, at + 8, offset);
            U64(file, at + 16, vaddr);
            U64(file, at + 24, vaddr);
            U64(file, at + 32, size);
            U64(file, at + 40, size);
            U64(file, at + 48, align);
        }
        else
        {
            U32(file, at, type);
            U32(file, at + 4, (uint)offset);
            U32(file, at + 8, (uint)vaddr);
            U32(file, at + 12, (uint)vaddr);
            U32(file, at + 16, (uint)size);
            U32(file, at + 20, (uint)size);
            U32(file, at + 24, flags);
            U32(file, at + 28, (uint)align);
        }
    }

    private void U16(byte[] b, int at, ushort v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        else BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
    }

    private void U32(byte[] b, int at, uint v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
    }

    private void U64(byte[] b, int at, ulong v)
    {
        if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(at), v);
        else BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v);
    }
}
