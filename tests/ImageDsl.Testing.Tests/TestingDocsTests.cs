using ImageDsl.Tests.Packaging;

namespace ImageDsl.Tests;

/// <summary>The xunit file docs/testing-images.md shows is the one this project compiles and runs.</summary>
public class TestingDocsTests
{
    [Fact]
    public void The_documented_test_file_is_the_one_that_runs()
    {
        Assert.Equal(File.ReadAllText(Fixtures.Repo("tests", "ImageDsl.Testing.Tests", "HelloMinimalTests.cs")), DocsExample.TestFile);
    }
}
