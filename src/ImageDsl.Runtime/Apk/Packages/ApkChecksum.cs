using System.Text;

namespace ImageDsl.Apk.Packages;

/// <summary>apk's checksum spellings: `Q1` + base64 SHA-1 (index `C:`, installed db `Z:`) and hex.</summary>
public static class ApkChecksum
{
    /// <summary>`Q1` + base64 of a SHA-1 digest.</summary>
    public static string ToQ1(ReadOnlySpan<byte> sha1) => "Q1" + Convert.ToBase64String(sha1);

    /// <summary>Decodes a `Q1` + base64 SHA-1; false for other forms (apko accepts only `Q1`).</summary>
    public static bool TryParseQ1(string text, out byte[] sha1)
    {
        sha1 = [];
        if (!text.StartsWith("Q1", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            byte[] bytes = Convert.FromBase64String(text[2..]);
            if (bytes.Length != 20)
            {
                return false;
            }
            sha1 = bytes;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decodes the PAX `APK-TOOLS.checksum.SHA1` value: 40 hex digits (abuild, melange) or the
    /// nonstandard `Q1` + base64 some tools write.
    /// </summary>
    public static bool TryParsePaxSha1(ReadOnlySpan<byte> value, out byte[] sha1)
    {
        string text = Encoding.ASCII.GetString(value).Trim();
        if (text.Length == 40)
        {
            try
            {
                sha1 = Convert.FromHexString(text);
                return true;
            }
            catch (FormatException)
            {
                // fall through
            }
        }
        return TryParseQ1(text, out sha1);
    }
}
