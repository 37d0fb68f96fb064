using System.Buffers.Binary;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>
/// The ELF reader behind /etc/ld.so.cache reads package files, so a package can hand it anything: thousands
/// of DT_SONAME entries each naming a 4 KB string (1 MiB of ELF, ~50 KB gzipped), or absurd header sizes.
/// Its reads and what it keeps are bounded, and an object reached through many names is read once.
/// </summary>
public class ElfBoundsTests
{
    /// <summary>A valid shared object whose dynamic section holds <paramref name="total"/> DT_SONAME entries, all naming one long string.</summary>
    internal static byte[] ManySonames(int total, int nameLength)
    {
        int count = total - 1; // patched below; ElfBuilder writes the last one itself
        byte[] elf = new ElfBuilder { Needed = Enumerable.Repeat("", count).ToArray(), Sonames = [new string('a', nameLength)] }.Build();
        // ElfBuilder writes DT_NEEDED entries first, each at string offset 1..count; turn them into DT_SONAME
        // entries that all point at the long name (written right after them, at offset 1 + count).
        ulong dynOffset = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(64 + 56 + 8));
        for (int i = 0; i < count; i++)
        {
            int at = (int)dynOffset + i * 16;
            BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(at), 14);
            BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(at + 8), (ulong)(1 + count));
        }
        return elf;
    }

    [Fact]
    public void Thousands_of_sonames_are_refused_within_a_few_megabytes()
    {
        byte[] elf = ManySonames(65000, 4000);
        long before = GC.GetAllocatedBytesForCurrentThread();

        ElfSharedObject? read = ElfSharedObject.TryRead(new MemoryStream(elf));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Null(read);
        Assert.True(allocated < 4L << 20, $"reading a {elf.Length >> 10} KiB object allocated {allocated >> 20} MiB");
    }

    [Fact]
    public void A_few_sonames_are_still_read()
    {
        ElfSharedObject? read = ElfSharedObject.TryRead(new MemoryStream(ManySonames(ElfSharedObject.MaxSonames, 100)));
        Assert.NotNull(read);
        Assert.Equal(ElfSharedObject.MaxSonames, read.Sonames.Count);
        Assert.Null(ElfSharedObject.TryRead(new MemoryStream(ManySonames(ElfSharedObject.MaxSonames + 1, 100))));
    }

    [Fact]
    public void A_huge_program_header_entry_size_is_not_read_whole()
    {
        byte[] elf = ElfBuilder.Library("libz.so.1");
        Array.Resize(ref elf, 4096 * 65535 / 16); // large enough that many 64 KiB headers lie inside the file
        // e_phentsize = 65535 and e_phnum = 4096: each header would be a 64 KiB read (256 MiB in all); only
        // the 56 bytes used are read.
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(54), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(56), 4096);
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = ElfSharedObject.TryRead(new MemoryStream(elf));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1L << 20, $"{allocated >> 10} KiB allocated");
    }

    [Fact]
    public void One_object_behind_thousands_of_names_is_read_once()
    {
        var tree = new FileTree();
        tree.MkdirAll("lib");
        byte[] elf = ManySonames(ElfSharedObject.MaxSonames, 4000);
        tree.WriteFile("lib/libbig.so.1", elf);
        for (int i = 0; i < 5000; i++)
        {
            tree.Symlink($"lib/libbig{i}.so", "libbig.so.1");
        }
        long before = GC.GetAllocatedBytesForCurrentThread();

        IReadOnlyList<LdSoCacheEntry> entries = LdSoCacheGenerator.Scan(tree, ["/lib"]);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(entries); // the soname is "aaa...", which none of the names match
        Assert.True(allocated < 32L << 20, $"scanning allocated {allocated >> 20} MiB");
    }
}
