using ImageDsl.Formats.Deflate;

namespace ImageDsl.Tests.Formats.Deflate;

/// <summary>
/// Inflaters refuse codes that are over-subscribed, incomplete (but for one lone code) or longer
/// than deflate allows, so every code built must be complete and within its length limit.
/// </summary>
public class HuffmanCodeTests
{
    [Fact]
    public void Skewed_frequencies_are_limited_to_15_bits_and_stay_complete()
    {
        // Fibonacci frequencies give a tree 30 deep without a limit.
        var frequencies = new int[286];
        int a = 1, b = 1;
        for (int i = 0; i < 30; i++)
        {
            frequencies[i * 9] = a;
            (a, b) = (b, a + b);
        }
        AssertComplete(frequencies, 15);
    }

    [Fact]
    public void Random_frequencies_give_complete_codes_within_the_limit()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 2000; trial++)
        {
            int maxBits = trial % 2 == 0 ? 15 : 7;
            var frequencies = new int[maxBits == 7 ? 19 : 286];
            for (int i = 0; i < frequencies.Length; i++)
            {
                frequencies[i] = random.Next(4) == 0 ? 0 : (int)Math.Pow(2, random.NextDouble() * 22);
            }
            AssertComplete(frequencies, maxBits);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fewer_than_two_used_symbols_still_get_two_codes(int used)
    {
        var frequencies = new int[30];
        if (used == 1)
        {
            frequencies[17] = 99;
        }
        byte[] lengths = AssertComplete(frequencies, 15);
        Assert.Equal(2, lengths.Count(l => l > 0));
        Assert.True(used == 0 || lengths[17] == 1);
    }

    [Fact]
    public void More_frequent_symbols_never_get_longer_codes()
    {
        int[] frequencies = [5, 1, 80, 3, 3, 40, 0, 9];
        var lengths = new byte[frequencies.Length];
        HuffmanCode.BuildLengths(frequencies, lengths, 15);
        for (int i = 0; i < frequencies.Length; i++)
        {
            for (int j = 0; j < frequencies.Length; j++)
            {
                Assert.True(frequencies[i] == 0 || frequencies[j] == 0 || frequencies[i] <= frequencies[j] || lengths[i] <= lengths[j]);
            }
        }
    }

    private static byte[] AssertComplete(int[] frequencies, int maxBits)
    {
        var lengths = new byte[frequencies.Length];
        HuffmanCode.BuildLengths(frequencies, lengths, maxBits);
        long kraft = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            Assert.True(lengths[i] <= maxBits, $"symbol {i} has {lengths[i]} bits, over {maxBits}");
            Assert.True(frequencies[i] == 0 || lengths[i] > 0, $"used symbol {i} has no code");
            kraft += lengths[i] == 0 ? 0 : 1L << (maxBits - lengths[i]);
        }
        Assert.Equal(1L << maxBits, kraft);
        return lengths;
    }
}
