using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;
using ImageDsl.Model;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// The ELF reader behind /etc/ld.so.cache. Mode 0: the payload is read as a shared object. Mode 1: the
/// payload is installed as /lib/libfuzz.so.1 behind 64 symlinked names in an image with /etc/ld.so.conf,
/// and the cache is generated. Besides crashes, memory is checked: one input may not allocate more than
/// 8 MiB plus four times its own size (the reader's reads are bounded, and each object is read once).
/// </summary>
internal sealed class ElfTarget : FuzzTarget
{
    public override string Name => "elf";

    public override string Description => "byte 0 % 2: 0 = ELF shared object read, 1 = ld.so.cache generated for it (plus 64 symlinks)";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        if (mode == 0)
        {
            if (ElfSharedObject.TryRead(new MemoryStream(payload, writable: false)) is { } elf && elf.Sonames.Count > ElfSharedObject.MaxSonames)
            {
                throw new InvalidOperationException($"{elf.Sonames.Count} sonames kept, more than the {ElfSharedObject.MaxSonames} allowed");
            }
        }
        else
        {
            var tree = new FileTree();
            tree.MkdirAll("lib");
            tree.MkdirAll("etc");
            tree.WriteText("etc/ld.so.conf", "/lib\n");
            tree.WriteFile("lib/libfuzz.so.1", payload);
            for (int i = 0; i < 64; i++)
            {
                tree.Symlink($"lib/libfuzz{i}.so", "libfuzz.so.1");
            }
            LdSoCacheGenerator.Generate(tree, Architecture.Amd64);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > (8L << 20) + 4L * payload.Length)
        {
            throw new InvalidOperationException($"a {payload.Length}-byte input allocated {allocated} bytes");
        }
    }
}
