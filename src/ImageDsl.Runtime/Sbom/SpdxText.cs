using System.Globalization;
using System.Text;

namespace ImageDsl.Sbom;

/// <summary>SPDX identifiers and package URLs, spelled as apko spells them.</summary>
public static class SpdxText
{
    /// <summary>apko's stringToIdentifier: ':' → '-', any other byte outside [A-Za-z0-9-.] → `C&lt;decimal&gt;`.</summary>
    public static string Identifier(string text)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text.Replace(':', '-')))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('C').Append(b.ToString(CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Go's url.QueryEscape (space as '+', everything but [A-Za-z0-9-_.~] percent-encoded).</summary>
    public static string QueryEscape(string text)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>A purl `pkg:&lt;type&gt;/&lt;path&gt;@&lt;version&gt;?qualifiers` with qualifiers sorted and escaped.</summary>
    public static string Purl(string type, string path, string version, IEnumerable<(string Key, string Value)> qualifiers)
    {
        string query = string.Join('&', qualifiers
            .Where(q => q.Value.Length > 0)
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key + "=" + QueryEscape(q.Value)));
        string purl = $"pkg:{type}/{path}@{Uri.EscapeDataString(version).Replace("%3A", ":", StringComparison.Ordinal)}";
        return query.Length == 0 ? purl : purl + "?" + query;
    }

    /// <summary>The `Q1…` control checksum as hex SHA-1, or null when it is not one.</summary>
    public static string? Q1ToHex(string? checksum)
    {
        if (checksum is null || !checksum.StartsWith("Q1", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            byte[] bytes = Convert.FromBase64String(checksum[2..]);
            return bytes.Length == 20 ? Convert.ToHexStringLower(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
