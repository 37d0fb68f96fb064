using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;
using ImageDsl.Model;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>
/// Where we follow apko's rules instead of ldconfig's, pinned against the real ldconfig so the
/// list of differences stays true (docs/ldso.md explains each).
/// </summary>
public class LdconfigDifferencesTests
{
    [Fact]
    public void Only_apkos_name_rules_and_no_glibc_hwcaps_folders_separate_us_from_ldconfig()
    {
        Layout layout = new Layout()
            .Text("/etc/ld.so.conf", "/usr/lib\n")
            .Directory("/lib")
            .Library("/usr/lib/libc.so.6", "libc.so.6")
            // ldconfig would create libreal.so.1 -> libreal.so.1.0 and lists it even with -X; we make no links.
            .Library("/usr/lib/libreal.so.1.0", "libreal.so.1")
            // No soname and not a `.so` name: ldconfig uses the file name, apko skips it.
            .Library("/usr/lib/libnosoname.so.3", null)
            // glibc-hwcaps subfolders: ldconfig adds them with a hwcaps extension; apko does not look.
            .Library("/usr/lib/glibc-hwcaps/x86-64-v3/libfast.so.1", "libfast.so.1")
            .Library("/usr/lib/libfast.so.1", "libfast.so.1");

        FileTree tree = layout.ToTree();
        LdSoCacheGenerator.Generate(tree, Architecture.Amd64);
        var ours = CacheFile.Parse(tree.ReadAllBytes("etc/ld.so.cache")).Records.Select(r => $"{r.Key} => {r.Value}").ToList();
        var theirs = CacheFile.Parse(LdconfigRunner.Run(layout)).Records.Select(r => $"{r.Key} => {r.Value}").ToList();

        Assert.Equal(["libfast.so.1 => /usr/lib/libfast.so.1", "libc.so.6 => /usr/lib/libc.so.6"], ours);
        Assert.Equal(
            [
                "libreal.so.1 => /usr/lib/libreal.so.1",
                "libnosoname.so.3 => /usr/lib/libnosoname.so.3",
                "libfast.so.1 => /usr/lib/glibc-hwcaps/x86-64-v3/libfast.so.1",
            ],
            theirs.Except(ours));
        Assert.Empty(ours.Except(theirs));
    }
}
