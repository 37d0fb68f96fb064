using System.Text;
using System.Text.Json;

namespace ImageDsl.Oci.Registry;

/// <summary>Turns a registry error body (<c>{"errors":[{"code","message","detail"}]}</c>) into one line.</summary>
internal static class RegistryErrorBody
{
    private const int MaxLength = 400;

    /// <summary>"CODE: message (detail); CODE2: …", or the start of a non-JSON body, or "".</summary>
    public static string Describe(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("errors", out JsonElement errors) &&
                errors.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                foreach (JsonElement error in errors.EnumerateArray())
                {
                    parts.Add(DescribeOne(error));
                }
                return Truncate(string.Join("; ", parts));
            }
        }
        catch (JsonException)
        {
        }
        return Truncate(body.Trim().ReplaceLineEndings(" "));
    }

    /// <summary>The error codes in the body (e.g. BLOB_UNKNOWN), for decisions.</summary>
    public static IReadOnlyList<string> Codes(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("errors", out JsonElement errors) &&
                errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out JsonElement c) ? c.ToString() : "")
                    .Where(c => c.Length > 0)
                    .ToArray();
            }
        }
        catch (JsonException)
        {
        }
        return [];
    }

    private static string DescribeOne(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return error.ToString();
        }
        var text = new StringBuilder();
        if (error.TryGetProperty("code", out JsonElement code))
        {
            text.Append(code.ToString());
        }
        if (error.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String)
        {
            text.Append(text.Length > 0 ? ": " : "").Append(message.GetString());
        }
        if (error.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            string detailText = detail.ValueKind == JsonValueKind.String ? detail.GetString() ?? "" : detail.GetRawText();
            if (detailText.Length > 0)
            {
                text.Append(" (").Append(detailText).Append(')');
            }
        }
        return text.ToString();
    }

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
