using ImageDsl.Config;

namespace ImageDsl.Tests.Config;

public class MemberPathTests
{
    [Theory]
    [InlineData("Accounts.Users[0].Uid", "Accounts.Users[0]")]
    [InlineData("Accounts.Users[0]", "Accounts.Users")]
    [InlineData("Accounts", "")]
    [InlineData("Environment[\"a.b[1]\"]", "Environment")]
    [InlineData("Entrypoint.Services[\"x\\\"]y\"]", "Entrypoint.Services")]
    [InlineData("", "")]
    public void Parent_walks_up_one_member(string path, string parent)
    {
        Assert.Equal(parent, MemberPath.Parent(path));
    }

    [Fact]
    public void Keys_escape_quotes_and_backslashes()
    {
        Assert.Equal("Environment[\"a\\\"b\\\\\"]", MemberPath.Key("Environment", "a\"b\\"));
        Assert.Equal("Environment", MemberPath.Parent(MemberPath.Key("Environment", "a\"b\\")));
    }

    [Fact]
    public void A_source_map_falls_back_to_the_nearest_located_parent_then_the_file()
    {
        var map = new SourceMap(new SourceLocation("a.yaml", 1, 1));
        map.Set("Accounts.Users[0]", new SourceLocation("a.yaml", 5, 7));
        Assert.Equal(new SourceLocation("a.yaml", 5, 7), map.Locate("Accounts.Users[0].Uid"));
        Assert.Equal(new SourceLocation("a.yaml", 1, 1), map.Locate("Contents.Packages[3]"));
    }

    [Fact]
    public void Subtrees_are_copied_without_touching_siblings_with_a_common_prefix()
    {
        var source = new SourceMap(new SourceLocation("b.yaml", 1, 1));
        source.Set("Paths[1]", new SourceLocation("b.yaml", 3, 3));
        source.Set("Paths[1].Uid", new SourceLocation("b.yaml", 4, 5));
        source.Set("Paths[10]", new SourceLocation("b.yaml", 9, 3));
        var target = new SourceMap(new SourceLocation("a.yaml", 1, 1));
        target.CopySubtree(source, "Paths[1]", "Paths[4]");
        Assert.Equal(["Paths[4]", "Paths[4].Uid"], target.Entries.Keys.Order());
    }
}
