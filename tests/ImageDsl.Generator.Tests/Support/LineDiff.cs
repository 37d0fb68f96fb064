using System.Text;

namespace ImageDsl.Tests.Support;

/// <summary>A small line diff (longest common subsequence) for readable golden-file failures.</summary>
public static class LineDiff
{
    public static string Describe(string expected, string actual, int maxLines = 60)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var text = new StringBuilder("--- expected (golden)\n+++ actual (generated)\n");
        int shown = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && shown < maxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                text.Append($"+{y + 1,4}: {b[y++]}\n");
                shown++;
            }
            else
            {
                text.Append($"-{x + 1,4}: {a[x++]}\n");
                shown++;
            }
        }
        return text.ToString();
    }
}
