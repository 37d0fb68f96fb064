using ImageDsl.Tests.Support;
using Xunit.Sdk;

namespace ImageDsl.Tests;

public class GoldenFileTests
{
    [Fact]
    public void A_mismatch_names_the_file_to_update_and_shows_a_diff()
    {
        // A copy in a temporary folder, so running with IMAGEDSL_UPDATE_GOLDEN=1 cannot damage a real golden file.
        string expectedPath = Path.Combine(Path.GetTempPath(), $"imagedsl-golden-{Guid.NewGuid():N}.txt");
        File.Copy(GoldenFile.PathOf("Minimal", "Demo.Hello.g.cs"), expectedPath);
        string actual = File.ReadAllText(expectedPath).Replace("\"busybox\"", "\"toybox\"");
        if (Environment.GetEnvironmentVariable(GoldenFile.UpdateVariable) == "1")
        {
            // Update mode rewrites instead of comparing; check that, since the comparison cannot run.
            GoldenFile.AssertMatchesFile(expectedPath, actual);
            Assert.Equal(actual, File.ReadAllText(expectedPath));
            File.Delete(expectedPath);
            return;
        }

        FailException failure;
        try
        {
            failure = Assert.Throws<FailException>(() => GoldenFile.AssertMatchesFile(expectedPath, actual));
        }
        finally
        {
            File.Delete(expectedPath);
        }

        Assert.Contains(expectedPath, failure.Message);
        Assert.Contains("-", failure.Message);
        Assert.Contains("\"busybox\"", failure.Message);
        Assert.Contains("+", failure.Message);
        Assert.Contains("\"toybox\"", failure.Message);
        Assert.Contains(GoldenFile.UpdateVariable + "=1", failure.Message);
    }

    [Fact]
    public void Line_diff_marks_removed_and_added_lines()
    {
        string diff = LineDiff.Describe("a\nb\nc", "a\nx\nc");

        Assert.Contains("-   2: b", diff);
        Assert.Contains("+   2: x", diff);
        Assert.DoesNotContain(": a", diff);
    }
}
