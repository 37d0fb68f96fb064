using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Packages;

public class PathSafetyTests
{
    private static ImageDslException Refused(params (TarEntryHeader, byte[]?)[] entries)
    {
        byte[] bytes = CraftedApk.Build(entries);
        var error = Assert.Throws<ImageDslException>(() =>
        {
            using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "evil.apk");
            CraftedApk.Expand(package);
        });
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.StartsWith("package crafted-1.0-r0 from evil.apk: unsafe entry", error.Message);
        return error;
    }

    [Theory]
    [InlineData("../etc/passwd", "'..' component")]
    [InlineData("a/../../x", "'..' component")]
    [InlineData("usr/../etc/x", "'..' component")]
    [InlineData("/etc/passwd", "absolute path")]
    public void Names_that_could_escape_the_root_are_refused(string name, string reason)
    {
        ImageDslException error = Refused(CraftedApk.File(name, "x"));
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_name_with_a_nul_byte_is_refused()
    {
        var spec = AbuildTar.Entry("innocent", '5') with { PaxRecords = [new("path", Encoding.UTF8.GetBytes("etc\0/shadow"))] };
        Assert.Contains("NUL byte", Refused((spec, null)).Message);
    }

    [Fact]
    public void Hard_links_must_point_at_an_earlier_file_of_the_package()
    {
        Assert.Contains("hard link target '../../etc/shadow' is unsafe",
            Refused(CraftedApk.Entry("x", '1', "../../etc/shadow")).Message);
        Assert.Contains("not an earlier regular file",
            Refused(CraftedApk.Entry("x", '1', "etc/shadow")).Message);
    }

    [Fact]
    public void Safe_oddities_are_normalised_not_refused()
    {
        byte[] bytes = CraftedApk.Build([
            CraftedApk.Entry("./", '5'),
            CraftedApk.Entry("./etc/", '5'),
            CraftedApk.File("./etc//motd", "hi"),
            CraftedApk.Entry("etc/motd.link", '1', "./etc/motd"),
            CraftedApk.Entry("etc/abs", '2', "/etc/motd"),
        ]);
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "odd.apk");
        var entries = CraftedApk.Expand(package);
        Assert.Equal(["etc", "etc/motd", "etc/motd.link", "etc/abs"], entries.Select(e => e.Path));
        Assert.Equal("etc/motd", entries[2].LinkTarget);
        Assert.Equal("/etc/motd", entries[3].LinkTarget); // symlink targets are the tree's business, not the reader's
    }

    [Fact]
    public void Binary_xattrs_reach_the_caller_byte_for_byte()
    {
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0xff, 0xfe];
        (TarEntryHeader spec, byte[]? content) = CraftedApk.File("usr/bin/ping", "elf");
        spec = spec with { PaxRecords = [.. spec.PaxRecords, new("SCHILY.xattr.security.capability", capability)] };
        byte[] bytes = CraftedApk.Build([(spec, content)]);
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "caps.apk");
        ApkDataEntry ping = Assert.Single(CraftedApk.Expand(package));
        Assert.Equal(capability, ping.Xattrs["security.capability"]);
    }
}
