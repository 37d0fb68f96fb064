using ImageDsl.Assembling.ApkDatabase;

namespace ImageDsl.Tests.Assembling;

public class InstalledDatabaseWriterTests
{
    [Fact]
    public void Record_matches_apkos_golden_layout_for_replayout()
    {
        var package = new InstalledPackage
        {
            Name = "replayout", Version = "1.0.0-r0", Arch = "x86_64", License = "MIT",
            Description = "replacement baselayout", Origin = "replayout", Maintainer = "unknown",
            Depends = ["pretend-baselayout"], Replaces = ["pretend-baselayout"], Commit = "326e",
            Size = 2961, InstalledSize = 3389, Checksum = "Q11/Hh",
            Paths =
            [
                new InstalledPath("etc/os-release", false, 501, 20, 0x1A4, [1, 2, 3]),
                new InstalledPath("etc", true, 0, 0, 0x1ED),
            ],
        };
        string expected = string.Join('\n',
            "P:replayout", "V:1.0.0-r0", "A:x86_64", "L:MIT", "T:replacement baselayout", "o:replayout",
            "m:unknown", "U:", "D:pretend-baselayout", "p:", "r:pretend-baselayout", "c:326e", "t:0",
            "S:2961", "I:3389", "k:0", "C:Q11/Hh", "F:etc", "R:os-release", "a:501:20:0644", "Z:Q1AQID", "", "");
        Assert.Equal(expected, InstalledDatabaseWriter.Format(package));
    }

    [Fact]
    public void Files_come_before_subdirectories_and_orphans_are_dropped()
    {
        var package = new InstalledPackage
        {
            Name = "x", Version = "1",
            Paths =
            [
                new InstalledPath("usr/lib/libx.so", false, 0, 0, 0x1A4),
                new InstalledPath("usr", true, 0, 0, 0x1ED),
                new InstalledPath("usr/zz", false, 0, 0, 0x1FF),
                new InstalledPath("usr/lib", true, 0, 0, 0x1ED),
                new InstalledPath("opt/orphan", false, 0, 0, 0x1A4),
                new InstalledPath("var/cache", true, 1000, 1000, 0x1C0),
            ],
        };
        string text = InstalledDatabaseWriter.Format(package);
        string paths = string.Join('|', text.Split('\n').Where(l => l.Length > 1 && "FRaM".Contains(l[0]) && l[1] == ':'));
        Assert.Equal("F:usr|R:zz|a:0:0:0777|F:usr/lib|R:libx.so|F:var/cache|M:1000:1000:0700", paths);
    }

    [Theory]
    [InlineData("usr/readme\n\nP:forged\nV:9.9.9")]
    [InlineData("usr/readme\r")]
    public void A_path_with_a_line_break_is_never_written(string path)
    {
        var package = new InstalledPackage { Name = "innocent", Version = "1.0-r0", Paths = [new InstalledPath("usr", true, 0, 0, 0x1ED), new InstalledPath(path, false, 0, 0, 0x1A4)] };
        var error = Assert.Throws<ImageDsl.Errors.ImageDslException>(() => InstalledDatabaseWriter.Format(package));
        Assert.Equal(ImageDsl.Errors.ErrorKind.Integrity, error.Kind);
        Assert.StartsWith("package innocent-1.0-r0: its R: value 'usr/readme\\", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
