using System.Text.RegularExpressions;

namespace ImageDsl.Tests.Packaging;

/// <summary>The code blocks of docs/testing-images.md that make up its complete example project.</summary>
public static class DocsExample
{
    public static string Markdown => File.ReadAllText(Fixtures.Repo("docs", "testing-images.md"));

    /// <summary>The block introduced by "`<paramref name="fileName"/>`:" and a fence of <paramref name="language"/>.</summary>
    public static string Block(string fileName, string language)
    {
        Match block = Regex.Match(Markdown, "`" + Regex.Escape(fileName) + "`:\n\n```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"docs/testing-images.md has no `{fileName}`: block");
        return block.Groups[1].Value;
    }

    public static string ProjectFile => Block("MyImages.Tests.csproj", "xml");

    public static string TestFile => Block("HelloMinimalTests.cs", "csharp");
}
