using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;
using ImageDsl.Model;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>
/// Our cache against the one Debian's real ldconfig (glibc 2.36, libc-bin) writes for the same
/// files: same entries, same order, same bytes up to the end of the string table. The only
/// differences are by design: ldconfig points `extension_offset` at an extension holding its
/// version string; we write no extension (offset 0) and pad with zeros to 16 bytes instead.
/// </summary>
public class LdconfigComparisonTests
{
    private static readonly byte[] Elf32I386 = new ElfBuilder { Machine = ElfBuilder.I386, Is64Bit = false, Sonames = ["libold.so.2"], Needed = ["libc.so.6"] }.Build();
    private static readonly byte[] Elf32X32 = new ElfBuilder { Machine = ElfBuilder.X8664, Is64Bit = false, Sonames = ["libx32.so.1"] }.Build();

    [Fact]
    public void A_typical_glibc_tree_gives_the_cache_ldconfig_writes()
    {
        Layout layout = new Layout()
            .Text("/etc/ld.so.conf", "# local\n/usr/lib/\ninclude ld.so.conf.d/*.conf\n/usr/local/lib   # after an include: apko would drop it\n/usr/lib32\n/usr/libx32\n")
            .Text("/etc/ld.so.conf.d/opt.conf", "/opt/lib\n")
            .Library("/lib/libc.so.6", "libc.so.6")
            .Library("/lib/ld-linux-x86-64.so.2", "ld-linux-x86-64.so.2")
            .Library("/lib/libm.so.6", "libm.so.6")
            .Library("/usr/lib/libfoo.so.1.2.3", "libfoo.so.1")
            .Symlink("/usr/lib/libfoo.so.1", "libfoo.so.1.2.3")
            .Symlink("/usr/lib/libfoo.so", "libfoo.so.1")
            .Library("/usr/lib/libbar.so.9", "libbar.so.9")
            .Library("/usr/lib/libbar.so.10", "libbar.so.10")
            .Library("/usr/lib/libv10.so", "libv10.so")
            .Library("/usr/lib/libv9.so", "libv9.so")
            .Library("/usr/lib/libz.so.1.3", "libz.so.1")
            .Symlink("/usr/lib/libz.so.1", "/usr/lib/libz.so.1.3")
            .Library("/usr/lib/libnosoname.so", null)
            .Text("/usr/lib/libscript.so", "/* GNU ld script */\nINPUT(libfoo.so.1)\n")
            .File("/usr/lib/libexe.so.1", new ElfBuilder { Type = 2, Sonames = ["libexe.so.1"] }.Build())
            .File("/usr/lib/libnodyn.so.1", new ElfBuilder { Sonames = ["libnodyn.so.1"], DynamicSegment = false }.Build())
            .File("/usr/lib/libcut.so.1", ElfBuilder.Library("libcut.so.1")[..40])
            .Library("/usr/lib/plugin.so.1", "plugin.so.1")
            .Directory("/usr/lib/libdir.so.1")
            .Symlink("/usr/lib/libgone.so.1", "libgone.so.1.0")
            .Library("/usr/local/lib/libbar.so.10", "libbar.so.10")
            .Library("/opt/lib/liba.so.1", "liba.so.1")
            .File("/usr/lib32/libold.so.2", Elf32I386)
            .File("/usr/libx32/libx32.so.1", Elf32X32);

        (byte[] ours, CacheFile mine) = Generate(layout);

        Assert.Equal(
            [
                "libz.so.1 => /usr/lib/libz.so.1", "libx32.so.1 => /usr/libx32/libx32.so.1",
                "libv10.so => /usr/lib/libv10.so", "libv9.so => /usr/lib/libv9.so",
                "libold.so.2 => /usr/lib32/libold.so.2", "libnosoname.so => /usr/lib/libnosoname.so",
                "libm.so.6 => /lib/libm.so.6", "libfoo.so.1 => /usr/lib/libfoo.so.1", "libfoo.so => /usr/lib/libfoo.so",
                "libc.so.6 => /lib/libc.so.6",
                "libbar.so.10 => /usr/lib/libbar.so.10", "libbar.so.10 => /usr/local/lib/libbar.so.10",
                "libbar.so.9 => /usr/lib/libbar.so.9", "liba.so.1 => /opt/lib/liba.so.1",
                "ld-linux-x86-64.so.2 => /lib/ld-linux-x86-64.so.2",
            ],
            mine.Records.Select(r => $"{r.Key} => {r.Value}"));
        Assert.Equal(0x0803, mine.Records.Single(r => r.Key == "libx32.so.1").Flags);
        Assert.Equal(0x0003, mine.Records.Single(r => r.Key == "libold.so.2").Flags);
        Assert.All(mine.Records.Where(r => r.Key is not ("libx32.so.1" or "libold.so.2")), r => Assert.Equal(0x0303, r.Flags));

        AssertSameAsLdconfig(layout, ours, mine);
    }

    [Fact]
    public void A_usrmerged_lib_link_is_scanned_once_under_its_first_name_as_ldconfig_does()
    {
        Layout layout = new Layout()
            .Directory("/usr/lib")
            .Symlink("/lib", "usr/lib")
            .Text("/etc/ld.so.conf", "/usr/lib\n/usr/local/lib\n")
            .Library("/usr/lib/libc.so.6", "libc.so.6")
            .Library("/usr/lib/libcrypto.so.3", "libcrypto.so.3")
            .Symlink("/usr/lib/libcrypto.so", "libcrypto.so.3")
            .Library("/usr/local/lib/libcrypto.so.3", "libcrypto.so.3");

        (byte[] ours, CacheFile mine) = Generate(layout);

        Assert.Equal(
            ["libcrypto.so.3 => /lib/libcrypto.so.3", "libcrypto.so.3 => /usr/local/lib/libcrypto.so.3", "libcrypto.so => /lib/libcrypto.so", "libc.so.6 => /lib/libc.so.6"],
            mine.Records.Select(r => $"{r.Key} => {r.Value}"));
        AssertSameAsLdconfig(layout, ours, mine);
    }

    [Fact]
    public void Non_ascii_names_sort_with_signed_chars_as_x86_64_ldconfig_sorts_them()
    {
        Layout layout = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Directory("/lib")
            .Library("/usr/lib/libz.so.1", "libz.so.1")
            .Library("/usr/lib/libé.so.1", "libé.so.1")
            .Library("/usr/lib/libñ.so", "libñ.so");

        (byte[] ours, CacheFile mine) = Generate(layout);

        Assert.Equal(["libz.so.1", "libñ.so", "libé.so.1"], mine.Records.Select(r => r.Key));
        AssertSameAsLdconfig(layout, ours, mine);
    }

    [Fact]
    public void An_empty_library_folder_gives_the_same_empty_cache()
    {
        Layout layout = new Layout().Text("/etc/ld.so.conf", "/usr/lib\n").Directory("/lib").Directory("/usr/lib");
        (byte[] ours, CacheFile mine) = Generate(layout);
        Assert.Empty(mine.Records);
        Assert.Equal(48, ours.Length);
        AssertSameAsLdconfig(layout, ours, mine);
    }

    private static (byte[] Bytes, CacheFile Parsed) Generate(Layout layout)
    {
        FileTree tree = layout.ToTree();
        Assert.NotNull(LdSoCacheGenerator.Generate(tree, Architecture.Amd64));
        byte[] bytes = tree.ReadAllBytes("etc/ld.so.cache");
        return (bytes, CacheFile.Parse(bytes));
    }

    private static void AssertSameAsLdconfig(Layout layout, byte[] ours, CacheFile mine)
    {
        byte[] theirs = LdconfigRunner.Run(layout);
        CacheFile real = CacheFile.Parse(theirs);

        Assert.Equal(real.Records, mine.Records);
        Assert.Equal(2, real.EndianFlag);
        Assert.Equal(2, mine.EndianFlag);
        Assert.NotEqual(0u, real.ExtensionOffset);
        Assert.Equal(0u, mine.ExtensionOffset);
        Assert.Equal(theirs[..32], ours[..32]);
        Assert.Equal(real.StringsEnd, mine.StringsEnd);
        Assert.Equal(theirs[36..real.StringsEnd], ours[36..mine.StringsEnd]);
        Assert.Equal((mine.StringsEnd + 15) & ~15, ours.Length);
        Assert.All(ours[mine.StringsEnd..], b => Assert.Equal(0, b));
    }
}
