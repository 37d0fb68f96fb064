using System.Runtime.InteropServices;
using ImageDsl.Assembling.LdSoCache;

namespace ImageDsl.Tests.LdSoCache;

public class ElfSharedObjectTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void Reads_machine_flags_and_every_soname_in_either_class_and_byte_order(bool is64, bool bigEndian)
    {
        byte[] elf = new ElfBuilder
        {
            Machine = ElfBuilder.Arm, Is64Bit = is64, BigEndian = bigEndian, Flags = 0x05000400,
            Needed = ["libc.so.6"], Sonames = ["libone.so.1", "libtwo.so.2"],
        }.Build();

        ElfSharedObject? read = ElfSharedObject.TryRead(new MemoryStream(elf));

        Assert.NotNull(read);
        Assert.Equal((ElfBuilder.Arm, is64, bigEndian, 0x05000400u), (read.Machine, read.Is64Bit, read.IsBigEndian, read.Flags));
        Assert.Equal(["libone.so.1", "libtwo.so.2"], read.Sonames);
    }

    [Fact]
    public void An_object_without_a_soname_reads_with_none()
    {
        Assert.Empty(ElfSharedObject.TryRead(new MemoryStream(ElfBuilder.Library(null)))!.Sonames);
    }

    public static TheoryData<string, byte[]> NotSharedObjects() => new()
    {
        { "empty", [] },
        { "text", "INPUT(libc.so.6)\n"u8.ToArray() },
        { "bad class", Patch(ElfBuilder.Library("libx.so.1"), 4, 9) },
        { "bad byte order", Patch(ElfBuilder.Library("libx.so.1"), 5, 0) },
        { "executable", new ElfBuilder { Type = 2, Sonames = ["libx.so.1"] }.Build() },
        { "relocatable", new ElfBuilder { Type = 1, Sonames = ["libx.so.1"] }.Build() },
        { "no PT_DYNAMIC", new ElfBuilder { Sonames = ["libx.so.1"], DynamicSegment = false }.Build() },
        { "header cut", ElfBuilder.Library("libx.so.1")[..60] },
        { "dynamic cut", ElfBuilder.Library("libx.so.1")[..^20] },
        { "program headers off the end", Patch(ElfBuilder.Library("libx.so.1"), 32, 0xF0) },
        { "soname offset off the end", Patch(ElfBuilder.Library("libx.so.1"), DynamicValueOffset(ElfBuilder.Library("libx.so.1")), 0x7F) },
    };

    [Theory]
    [MemberData(nameof(NotSharedObjects))]
    public void Anything_but_a_well_formed_shared_object_reads_as_null(string why, byte[] data)
    {
        Assert.True(ElfSharedObject.TryRead(new MemoryStream(data)) is null, why);
    }

    [Fact]
    public void Corrupted_objects_never_throw()
    {
        var random = new Random(1234);
        byte[][] originals = [ElfBuilder.Library("libx.so.1"), new ElfBuilder { Is64Bit = false, BigEndian = true, Sonames = ["liby.so.2"] }.Build()];
        for (int round = 0; round < 3000; round++)
        {
            byte[] data = (byte[])originals[round % 2].Clone();
            for (int flips = random.Next(1, 6); flips > 0; flips--)
            {
                data[random.Next(data.Length)] = (byte)(random.Next(2) == 0 ? 0xFF : random.Next(256));
            }
            _ = ElfSharedObject.TryRead(new MemoryStream(data[..random.Next(data.Length / 2, data.Length + 1)]));
        }
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_too()
    {
        var read = ElfSharedObject.TryRead(new ForwardOnly(ElfBuilder.Library("libfwd.so.1")));
        Assert.Equal(["libfwd.so.1"], read!.Sonames);
    }

    [Fact]
    public void The_hosts_real_libc_reads_with_its_soname_and_machine()
    {
        (string dir, int machine) = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => ("x86_64-linux-gnu", ElfBuilder.X8664),
            Architecture.Arm64 => ("aarch64-linux-gnu", ElfBuilder.Aarch64),
            var other => throw new InvalidOperationException($"no known Debian multiarch folder for {other}"),
        };
        string libc = $"/lib/{dir}/libc.so.6";
        Assert.True(File.Exists(libc), $"{libc} is missing: the tests expect a Debian/Ubuntu glibc host");

        using FileStream stream = File.OpenRead(libc);
        ElfSharedObject read = ElfSharedObject.TryRead(stream)!;

        Assert.Equal(["libc.so.6"], read.Sonames);
        Assert.Equal((machine, true, false), (read.Machine, read.Is64Bit, read.IsBigEndian));
    }

    private static byte[] Patch(byte[] data, int at, byte value)
    {
        data[at] = value;
        return data;
    }

    // The builder writes DT_SONAME first (no DT_NEEDED): its value is the first dynamic entry's d_val.
    private static int DynamicValueOffset(byte[] elf)
    {
        int strtab = 64 + 2 * 56;
        int strings = 1 + "libx.so.1".Length + 1;
        return ((strtab + strings + 7) & ~7) + 8;
    }

    private sealed class ForwardOnly(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
