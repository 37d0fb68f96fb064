using ImageDsl.Config;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Config;

/// <summary>Damaged configurations give configuration errors, never a crash (seeded, so failures reproduce).</summary>
public class MutationRobustnessTests
{
    private const string Alphabet = " \t\n-:[]{},'\"#&*!|>@%`0o7xX~.";

    [Fact]
    public void Thousands_of_damaged_examples_fail_only_with_configuration_errors()
    {
        var random = new Random(20261128);
        string[] examples = Directory.GetFiles(Fixtures.Shared("apko-examples", "examples"), "*.yaml")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var options = new ConfigurationLoadOptions { WorkingDirectory = Fixtures.Shared("apko-examples") };
        int rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            char[] text = examples[random.Next(examples.Length)].ToCharArray();
            var mutated = new List<char>(text);
            for (int edits = random.Next(1, 4); edits > 0 && mutated.Count > 0; edits--)
            {
                int at = random.Next(mutated.Count);
                switch (random.Next(3))
                {
                    case 0: mutated.RemoveAt(at); break;
                    case 1: mutated.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: mutated[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }
            string input = new(mutated.ToArray());
            try
            {
                ConfigurationLoader.Parse(input, "mutated.yaml", options);
            }
            catch (ConfigurationException error)
            {
                Assert.NotEmpty(error.Diagnostics);
                Assert.All(error.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString()));
                rejected++;
            }
            catch (Exception error)
            {
                Assert.Fail($"mutation {i} crashed with {error.GetType().Name}: {error.Message}\n--- input ---\n{input}");
            }
        }
        Assert.InRange(rejected, 300, 2990);
    }
}
