using System.Text;

namespace ImageDsl.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in golden file under Golden/&lt;Scenario&gt;/. Set
/// IMAGEDSL_UPDATE_GOLDEN=1 to rewrite the files instead (then review the diff in git).
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "IMAGEDSL_UPDATE_GOLDEN";

    public static void AssertMatches(string scenario, string fileName, string actual) =>
        AssertMatchesFile(PathOf(scenario, fileName), actual);

    /// <summary>Compares <paramref name="actual"/> with the golden file at <paramref name="path"/>.</summary>
    public static void AssertMatchesFile(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        if (!File.Exists(path))
        {
            Assert.Fail($"golden file {path} does not exist; run the tests with {UpdateVariable}=1 to create it, then review it");
        }
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"generated text differs from {path}\n{LineDiff.Describe(expected, actual)}\n" +
                $"If the new output is right, run the tests with {UpdateVariable}=1 and commit the updated file.");
        }
    }

    /// <summary>Golden/&lt;scenario&gt;/&lt;file&gt;.txt in the test project folder.</summary>
    public static string PathOf(string scenario, string fileName) =>
        Path.Combine(ProjectDirectory, "Golden", scenario, fileName + ".txt");

    /// <summary>
    /// The test project folder, found upwards from the test binaries (bin/&lt;config&gt;/net10.0).
    /// [CallerFilePath] would not do: CI builds map source paths to /_/ (ContinuousIntegrationBuild).
    /// </summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    private static string FindProjectDirectory()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ImageDsl.Generator.Tests.csproj")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException($"cannot find ImageDsl.Generator.Tests.csproj above {AppContext.BaseDirectory}");
    }
}
