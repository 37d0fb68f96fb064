using System.Runtime.CompilerServices;
using System.Text;

namespace ImageDsl.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in golden file under Golden/&lt;Scenario&gt;/. Set
/// IMAGEDSL_UPDATE_GOLDEN=1 to rewrite the files instead (then review the diff in git).
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "IMAGEDSL_UPDATE_GOLDEN";

    public static void AssertMatches(string scenario, string fileName, string actual, [CallerFilePath] string caller = "")
    {
        string path = PathOf(scenario, fileName, caller);
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

    /// <summary>Golden/&lt;scenario&gt;/&lt;file&gt;.txt beside the test sources (found from the caller's path).</summary>
    public static string PathOf(string scenario, string fileName, [CallerFilePath] string caller = "")
    {
        string? dir = Path.GetDirectoryName(caller);
        while (dir is not null && !File.Exists(Path.Combine(dir, "ImageDsl.Generator.Tests.csproj")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        Assert.True(dir is not null, $"cannot find the test project folder above {caller}");
        return Path.Combine(dir!, "Golden", scenario, fileName + ".txt");
    }
}
