using ImageDsl.Diagnostics;

namespace ImageDsl.Tests;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Ids_are_unique_and_sequential()
    {
        var ids = DiagnosticCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"IMG{i:0000}"), ids);
    }
}
