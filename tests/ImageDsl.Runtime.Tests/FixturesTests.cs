namespace ImageDsl.Tests;

public class FixturesTests
{
    [Fact]
    public void Shared_fixtures_are_laid_beside_the_checkout()
    {
        Assert.True(File.Exists(Fixtures.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz")));
    }
}
