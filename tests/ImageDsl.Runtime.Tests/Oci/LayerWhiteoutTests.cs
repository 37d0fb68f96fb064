using ImageDsl.Oci.Base;

namespace ImageDsl.Tests.Oci;

/// <summary>OCI whiteouts as a base image's later layers use them to delete /etc/passwd or the apk database.</summary>
public class LayerWhiteoutTests
{
    [Theory]
    [InlineData("etc/.wh.passwd", "etc/passwd", true)]
    [InlineData("etc/.wh.passwd", "etc/passwd-", false)]
    [InlineData("etc/.wh.group", "etc/passwd", false)]
    [InlineData(".wh.etc", "etc/passwd", true)]
    [InlineData("etc/.wh..wh..opq", "etc/passwd", true)]
    [InlineData("usr/lib/.wh..wh..opq", "usr/lib/apk/db/installed", true)]
    [InlineData("usr/lib/apk/.wh.db", "usr/lib/apk/db/installed", true)]
    [InlineData("usr/lib/apk/db/.wh.installed", "lib/apk/db/installed", false)]
    [InlineData("etc/passwd", "etc/passwd", false)]
    [InlineData("etcetera/.wh..wh..opq", "etc/passwd", false)]
    [InlineData(".wh..wh..opq", "etc/passwd", true)]
    public void A_whiteout_removes_its_path_and_what_is_below_it(string entry, string target, bool removes) =>
        Assert.Equal(removes, LayerWhiteout.Removes(entry, target));
}
