using ImageDsl.Model;

namespace ImageDsl.Tests;

public class ModelEqualityTests
{
    private static ImageConfiguration Sample(string package) => new()
    {
        Contents = new ImageContents { Packages = ["busybox", package], Repositories = ["./repo"] },
        Archs = [Architecture.Amd64],
        Environment = ValueMap.Of(("A", "1"), ("B", "2")),
        Accounts = new ImageAccounts { Users = [new UserAccount { UserName = "app", Uid = 1000 }] },
    };

    [Fact]
    public void Configs_with_equal_content_are_equal()
    {
        Assert.Equal(Sample("curl"), Sample("curl"));
        Assert.Equal(Sample("curl").GetHashCode(), Sample("curl").GetHashCode());
    }

    [Fact]
    public void A_different_list_item_makes_configs_differ()
    {
        Assert.NotEqual(Sample("curl"), Sample("wget"));
    }

    [Fact]
    public void Map_equality_ignores_order_but_not_values()
    {
        Assert.Equal(ValueMap.Of(("A", "1"), ("B", "2")), ValueMap.Of(("B", "2"), ("A", "1")));
        Assert.NotEqual(ValueMap.Of(("A", "1")), ValueMap.Of(("A", "2")));
    }
}
