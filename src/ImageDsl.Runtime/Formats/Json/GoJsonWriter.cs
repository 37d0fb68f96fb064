using System.Globalization;
using System.Text;

namespace ImageDsl.Formats.Json;

/// <summary>
/// A small JSON writer whose bytes match Go's `encoding/json` as apko and go-containerregistry use
/// it: fields in the order written (struct order), Go's string escaping (HTML characters as
/// `\u003c`, U+2028/2029 escaped, other non-ASCII raw), compact or `json.Encoder.SetIndent("", "  ")`.
/// </summary>
/// <remarks>
/// The one JSON writer of the Runtime: OCI manifests and configs, SBOMs, the lock file and
/// /etc/apko.json all go through it, so they escape strings exactly as apko's Go code does.
/// </remarks>
internal sealed class GoJsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<int> _counts = new();
    private readonly bool _indent;
    private bool _afterName;

    public GoJsonWriter(bool indent = false) => _indent = indent;

    public GoJsonWriter StartObject() => Open('{');

    public GoJsonWriter EndObject() => Close('}');

    public GoJsonWriter StartArray() => Open('[');

    public GoJsonWriter EndArray() => Close(']');

    public GoJsonWriter Name(string name)
    {
        BeforeValue();
        AppendString(name);
        _text.Append(_indent ? ": " : ":");
        _afterName = true;
        return this;
    }

    public GoJsonWriter String(string value)
    {
        BeforeValue();
        AppendString(value);
        return this;
    }

    public GoJsonWriter Number(long value)
    {
        BeforeValue();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public GoJsonWriter Bool(bool value)
    {
        BeforeValue();
        _text.Append(value ? "true" : "false");
        return this;
    }

    public GoJsonWriter Property(string name, string value) => Name(name).String(value);

    public GoJsonWriter Property(string name, long value) => Name(name).Number(value);

    public GoJsonWriter StringArray(string name, IEnumerable<string> values)
    {
        Name(name).StartArray();
        foreach (string value in values)
        {
            String(value);
        }
        return EndArray();
    }

    /// <summary>Writes a string map with keys in ordinal order (Go sorts map keys).</summary>
    public GoJsonWriter StringMap(string name, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        Name(name).StartObject();
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Property(key, value);
        }
        return EndObject();
    }

    /// <summary>Writes a parsed or built JSON value, keeping object property order.</summary>
    public GoJsonWriter Node(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case null:
                BeforeValue();
                _text.Append("null");
                break;
            case System.Text.Json.Nodes.JsonObject obj:
                StartObject();
                foreach (var (key, value) in obj)
                {
                    Name(key).Node(value);
                }
                EndObject();
                break;
            case System.Text.Json.Nodes.JsonArray array:
                StartArray();
                foreach (var item in array)
                {
                    Node(item);
                }
                EndArray();
                break;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue(out string? text):
                String(text);
                break;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue(out bool flag):
                Bool(flag);
                break;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue(out long number):
                Number(number);
                break;
            default:
                BeforeValue();
                _text.Append(node.ToJsonString());
                break;
        }
        return this;
    }

    /// <summary>The UTF-8 bytes; <paramref name="trailingNewline"/> as `json.Encoder` adds.</summary>
    public byte[] ToBytes(bool trailingNewline = false) =>
        Encoding.UTF8.GetBytes(trailingNewline ? _text + "\n" : _text.ToString());

    public override string ToString() => _text.ToString();

    private GoJsonWriter Open(char bracket)
    {
        BeforeValue();
        _text.Append(bracket);
        _counts.Push(0);
        return this;
    }

    private GoJsonWriter Close(char bracket)
    {
        int count = _counts.Pop();
        if (_indent && count > 0)
        {
            NewLine(_counts.Count);
        }
        _text.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_counts.Count == 0)
        {
            return;
        }
        int count = _counts.Pop();
        if (count > 0)
        {
            _text.Append(',');
        }
        _counts.Push(count + 1);
        if (_indent)
        {
            NewLine(_counts.Count);
        }
    }

    private void NewLine(int depth)
    {
        _text.Append('\n');
        _text.Append(' ', depth * 2);
    }

    /// <summary>A JSON string literal with Go's escaping (for writers that lay out their own text).</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendQuoted(text, value);
        return text.ToString();
    }

    private void AppendString(string value) => AppendQuoted(_text, value);

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); continue;
                case '\\': text.Append("\\\\"); continue;
                case '\b': text.Append("\\b"); continue;
                case '\f': text.Append("\\f"); continue;
                case '\n': text.Append("\\n"); continue;
                case '\r': text.Append("\\r"); continue;
                case '\t': text.Append("\\t"); continue;
            }
            if (c < 0x20 || c is '<' or '>' or '&' or '\u2028' or '\u2029')
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                text.Append("\\ufffd");
            }
            else
            {
                text.Append(c);
            }
        }
        text.Append('"');
    }
}
