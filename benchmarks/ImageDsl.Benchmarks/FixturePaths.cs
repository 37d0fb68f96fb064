namespace ImageDsl.Benchmarks;

/// <summary>Finds the shared fixtures from the benchmark's run folder (BenchmarkDotNet runs a copy of the program elsewhere).</summary>
internal static class FixturePaths
{
    public static string Shared(params string[] parts)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("IMAGEDSL_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.Combine([fromEnvironment, .. parts]);
        }
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ImageDsl.sln")))
                {
                    return Path.Combine([dir.FullName, "..", "shared", "fixtures", .. parts]);
                }
            }
        }
        throw new InvalidOperationException("Cannot find ImageDsl.sln; set IMAGEDSL_FIXTURES to the shared/fixtures folder.");
    }
}
