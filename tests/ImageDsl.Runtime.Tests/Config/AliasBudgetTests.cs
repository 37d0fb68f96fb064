using System.Text;
using ImageDsl.Config;

namespace ImageDsl.Tests.Config;

/// <summary>
/// The alias budget counts text, not only nodes: one large scalar aliased a few hundred times stays far
/// under the node limit, yet every copy made of the expanded tree (validation, merging, the canonical
/// writer) multiplies it.
/// </summary>
public class AliasBudgetTests
{
    private static string LargeScalarAliased(int scalarLength, int aliases)
    {
        var yaml = new StringBuilder("contents:\n  repositories: [https://example.org/alpine]\n  packages: [&big \"")
            .Append('x', scalarLength).Append("\"]\nenvironment:\n");
        for (int i = 0; i < aliases; i++)
        {
            yaml.Append("  V").Append(i).Append(": *big\n");
        }
        return yaml.ToString();
    }

    [Fact]
    public void A_large_scalar_aliased_many_times_is_refused_without_expanding_it()
    {
        string yaml = LargeScalarAliased(1 << 20, 300); // 1 MiB of text, 300 MiB expanded; 601 nodes
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Single(ConfigAssert.Errors(yaml));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("IMG0002", error.Id);
        Assert.Contains("excessive aliasing", error.Message);
        Assert.Contains("16 MiB of text", error.Message);
        Assert.True(allocated < 64L << 20, $"reading the document allocated {allocated >> 20} MiB");
    }

    [Fact]
    public void Aliases_within_the_budget_still_resolve()
    {
        string yaml = LargeScalarAliased(64 * 1024, 100); // 6.4 MiB expanded
        var loaded = ConfigurationLoader.Parse(yaml, "test.yaml");
        Assert.Equal(100, loaded.Configuration.Environment.Count);
        Assert.All(loaded.Configuration.Environment.Values, v => Assert.Equal(64 * 1024, v.Length));
    }
}
