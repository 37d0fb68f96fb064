namespace ImageDsl.Fuzz;

/// <summary>A small havoc-style mutator for the smoke run: flips, inserts, deletes, duplicates, splices.</summary>
internal static class Mutator
{
    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)'\n', (byte)':', (byte)'=', (byte)'/', (byte)'.', (byte)'"', (byte)'{', (byte)'['];

    public static byte[] Mutate(byte[] seed, byte[][] corpus, Random random)
    {
        var data = new List<byte>(seed);
        int rounds = 1 + random.Next(8);
        for (int r = 0; r < rounds; r++)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3 when data.Count > 1:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                    break;
                case 4 when data.Count > 1:
                    int start = random.Next(data.Count);
                    int length = Math.Min(data.Count - start, 1 + random.Next(64));
                    data.InsertRange(at, data.GetRange(start, length));
                    break;
                case 5:
                    byte[] other = corpus[random.Next(corpus.Length)];
                    int from = other.Length == 0 ? 0 : random.Next(other.Length);
                    data.RemoveRange(at, data.Count - at);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                default:
                    if (data.Count > 0)
                    {
                        data.RemoveRange(at, data.Count - at); // truncation
                    }
                    break;
            }
        }
        return [.. data];
    }
}
