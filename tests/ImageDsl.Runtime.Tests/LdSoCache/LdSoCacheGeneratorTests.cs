using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.LdSoCache;

public class LdSoCacheGeneratorTests
{
    [Fact]
    public void Without_etc_ld_so_conf_no_cache_is_written()
    {
        FileTree tree = new Layout().Library("/lib/libc.so.6", "libc.so.6").Library("/usr/lib/libz.so.1", "libz.so.1").ToTree();

        Assert.Null(LdSoCacheGenerator.Generate(tree, Architecture.Amd64));
        Assert.False(tree.Exists("etc/ld.so.cache"));
    }

    [Fact]
    public void The_cache_is_0644_root_owned_with_mtime_zero_and_replaces_a_shipped_one_without_writing_through_a_link()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "")
            .Library("/lib/libc.so.6", "libc.so.6")
            .Directory("/tmp")
            .Symlink("/etc/ld.so.cache", "/tmp/elsewhere")
            .ToTree();

        IReadOnlyList<LdSoCacheEntry>? entries = LdSoCacheGenerator.Generate(tree, Architecture.Amd64);

        Assert.Equal([new LdSoCacheEntry("libc.so.6", "/lib/libc.so.6", 0x0303)], entries);
        FileNode cache = tree.Get("etc/ld.so.cache", followSymlinks: false);
        Assert.Equal(FileNodeType.RegularFile, cache.Type);
        Assert.Equal((UnixFileMode)0x1A4, cache.Mode);
        Assert.Equal((0, 0), (cache.Uid, cache.Gid));
        Assert.Equal(DateTimeOffset.UnixEpoch, cache.ModificationTime);
        Assert.False(tree.Exists("tmp/elsewhere"));
    }

    [Fact]
    public void A_library_for_a_machine_glibc_has_no_flag_for_fails_the_build_naming_it()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Library("/usr/lib/libsparc.so.1", "libsparc.so.1", ElfBuilder.SparcV9)
            .ToTree();

        var error = Assert.Throws<ImageDslException>(() => LdSoCacheGenerator.Generate(tree, Architecture.Amd64));

        Assert.Equal(ErrorKind.Build, error.Kind);
        Assert.Contains("'/usr/lib/libsparc.so.1' is a 64-bit machine 43 shared object", error.Message);
        Assert.False(tree.Exists("etc/ld.so.cache"));
    }

    [Fact]
    public void A_library_of_another_known_machine_gets_that_machines_flag_as_apko_gives_it()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Library("/usr/lib/libhost.so.1", "libhost.so.1")
            .Library("/usr/lib/libarm.so.1", "libarm.so.1", ElfBuilder.Aarch64)
            .ToTree();

        var entries = LdSoCacheGenerator.Generate(tree, Architecture.Amd64)!;

        Assert.Equal([("libhost.so.1", 0x0303), ("libarm.so.1", 0x0a03)], entries.Select(e => (e.Key, e.Flags)));
    }

    [Fact]
    public void Non_elf_and_unreadable_lib_files_are_skipped_not_refused()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Text("/usr/lib/libc.so", "/* GNU ld script */ GROUP ( /lib/libc.so.6 )\n")
            .File("/usr/lib/libempty.so", [])
            .File("/usr/lib/libjunk.so.1", Enumerable.Repeat((byte)0xFF, 4096).ToArray())
            .File("/usr/lib/libhalf.so.1", ElfBuilder.Library("libhalf.so.1")[..100])
            .File("/usr/lib/libstatic.so", new ElfBuilder { Type = 1, Sonames = ["libstatic.so"] }.Build())
            .Library("/usr/lib/libok.so.1", "libok.so.1")
            .ToTree();

        Assert.Equal(["libok.so.1"], LdSoCacheGenerator.Generate(tree, Architecture.Amd64)!.Select(e => e.Key));
    }

    [Fact]
    public void Library_symlinks_resolve_inside_the_image_only()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Library("/opt/real/libreal.so.2", "libreal.so.2")
            .Symlink("/usr/lib/libreal.so.2", "../../../../../opt/real/libreal.so.2")
            .Symlink("/usr/lib/libhost.so.1", "/etc/passwd-that-only-the-host-has")
            .Symlink("/usr/lib/libloop.so.1", "libloop.so.1")
            .ToTree();

        Assert.Equal([new LdSoCacheEntry("libreal.so.2", "/usr/lib/libreal.so.2", 0x0303)], LdSoCacheGenerator.Generate(tree, Architecture.Amd64));
    }

    [Fact]
    public void An_s390x_cache_is_big_endian_and_compares_names_with_unsigned_chars()
    {
        byte[] s390 = new ElfBuilder { Machine = ElfBuilder.S390, BigEndian = true, Sonames = ["libz.so.1"] }.Build();
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .File("/usr/lib/libz.so.1", s390)
            .File("/usr/lib/libé.so.1", new ElfBuilder { Machine = ElfBuilder.S390, BigEndian = true, Sonames = ["libé.so.1"] }.Build())
            .ToTree();

        LdSoCacheGenerator.Generate(tree, Architecture.S390x);
        var cache = CacheFile.Parse(tree.ReadAllBytes("etc/ld.so.cache"), bigEndian: true);

        Assert.Equal(3, cache.EndianFlag);
        // 'é' is 0xC3 0xA9: above 'z' as unsigned char (s390x), below it as signed char (x86_64).
        Assert.Equal(["libé.so.1", "libz.so.1"], cache.Records.Select(r => r.Key));
        Assert.All(cache.Records, r => Assert.Equal(0x0403, r.Flags));
    }

    [Fact]
    public void An_x86_64_cache_compares_names_with_signed_chars_as_its_ld_so_does()
    {
        FileTree tree = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Library("/usr/lib/libz.so.1", "libz.so.1")
            .Library("/usr/lib/libé.so.1", "libé.so.1")
            .ToTree();

        Assert.Equal(["libz.so.1", "libé.so.1"], LdSoCacheGenerator.Generate(tree, Architecture.Amd64)!.Select(e => e.Key));
    }
}
