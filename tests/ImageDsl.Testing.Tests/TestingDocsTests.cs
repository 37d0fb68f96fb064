using System.Text.RegularExpressions;

namespace ImageDsl.Tests;

/// <summary>The xunit file docs/testing-images.md shows is the one this project compiles and runs.</summary>
public class TestingDocsTests
{
    [Fact]
    public void The_documented_test_file_is_the_one_that_runs()
    {
        string docs = File.ReadAllText(Fixtures.Repo("docs", "testing-images.md"));
        Match block = Regex.Match(docs, "`HelloMinimalTests.cs`:\n\n```csharp\n(.*?)```", RegexOptions.Singleline);

        Assert.True(block.Success, "docs/testing-images.md has no HelloMinimalTests.cs block");
        Assert.Equal(File.ReadAllText(Fixtures.Repo("tests", "ImageDsl.Testing.Tests", "HelloMinimalTests.cs")), block.Groups[1].Value);
    }
}
