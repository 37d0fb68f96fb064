using System.Diagnostics;
using System.Security.Cryptography;

namespace ImageDsl.Fuzz;

/// <summary>
/// The quick check ./test.sh runs: every corpus file once, then random mutations of the corpus for a
/// few seconds per target (no afl-fuzz, no instrumentation; a fixed seed, so runs repeat). A failing
/// input is saved beside the corpus as <c>smoke-failures/&lt;target&gt;-&lt;sha1&gt;</c>.
/// </summary>
internal static class SmokeRun
{
    public static int Run(IReadOnlyList<FuzzTarget> targets, string corpusRoot, double seconds)
    {
        int failed = 0;
        foreach (FuzzTarget target in targets)
        {
            string folder = Path.Combine(corpusRoot, target.Name);
            byte[][] corpus = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray()
                : [];
            if (corpus.Length == 0)
            {
                Console.WriteLine($"{target.Name}: no corpus in {folder}");
                failed++;
                continue;
            }
            var random = new Random(12345);
            var clock = Stopwatch.StartNew();
            long executions = 0;
            string? problem = null;
            byte[] input = [];
            for (int i = 0; problem is null && (i < corpus.Length || clock.Elapsed.TotalSeconds < seconds); i++)
            {
                input = i < corpus.Length ? corpus[i] : Mutator.Mutate(corpus[random.Next(corpus.Length)], corpus, random);
                problem = InputRunner.Check(target, input);
                executions++;
            }
            if (problem is not null)
            {
                failed++;
                string saved = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusRoot))!, "smoke-failures",
                    $"{target.Name}-{Convert.ToHexStringLower(SHA1.HashData(input))}");
                Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
                File.WriteAllBytes(saved, input);
                Console.WriteLine($"{target.Name}: FAILED after {executions} executions; input saved as {saved}\n  {problem}");
                if (problem.StartsWith("hang", StringComparison.Ordinal))
                {
                    break;
                }
            }
            else
            {
                Console.WriteLine($"{target.Name}: {executions} executions ({corpus.Length} corpus files) in {clock.Elapsed.TotalSeconds:0.0} s, no crash");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
