using System.Globalization;
using System.Text;

namespace ImageDsl.Apk.Lock;

/// <summary>
/// Writes a lock file as Go's `json.MarshalIndent(lock, "", "  ")` + "\n" does: fields in struct order,
/// 2-space indent, empty lists as `[]`, `&lt; &gt; &amp;` escaped as \u003c \u003e \u0026.
/// </summary>
internal static class LockFileWriter
{
    public static string Write(LockFile lockFile)
    {
        var w = new Writer();
        w.Open('{');
        w.Field("version", lockFile.Version);
        if (lockFile.Config is { } config && (config.Name.Length > 0 || config.Checksum.Length > 0))
        {
            w.Key("config");
            w.Open('{');
            if (config.Name.Length > 0) w.Field("name", config.Name);
            if (config.Checksum.Length > 0) w.Field("checksum", config.Checksum);
            w.Close('}');
        }
        w.Key("contents");
        w.Open('{');
        LockContents contents = lockFile.Contents;
        w.List("keyring", contents.Keyring, k =>
        {
            w.Field("name", k.Name);
            w.Field("url", k.Url);
            if (!string.IsNullOrEmpty(k.Content)) w.Field("content", k.Content);
        });
        w.List("build_repositories", contents.BuildRepositories, Repository);
        w.List("runtime_repositories", contents.RuntimeRepositories, Repository);
        w.List("repositories", contents.Repositories, Repository);
        w.List("packages", contents.Packages, p =>
        {
            w.Field("name", p.Name);
            w.Field("url", p.Url);
            w.Field("version", p.Version);
            w.Field("architecture", p.Architecture);
            Range("signature", p.Signature);
            Range("control", p.Control);
            Range("data", p.Data);
            w.Field("checksum", p.Checksum);
        });
        w.Close('}');
        w.Close('}');
        return w.ToString() + "\n";

        void Repository(LockRepository r)
        {
            w.Field("name", r.Name);
            w.Field("url", r.Url);
            w.Field("architecture", r.Architecture);
        }

        void Range(string name, LockRange range)
        {
            w.Key(name);
            w.Open('{');
            w.Field("range", range.Range);
            w.Field("checksum", range.Checksum);
            w.Close('}');
        }
    }

    /// <summary>A JSON string literal escaped as Go's encoding/json does (HTML-safe).</summary>
    public static string Quote(string value)
    {
        var s = new StringBuilder(value.Length + 2).Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                case '\n': s.Append("\\n"); break;
                case '\r': s.Append("\\r"); break;
                case '\t': s.Append("\\t"); break;
                case '\b': s.Append("\\b"); break;
                case '\f': s.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        s.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        s.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        s.Append("\\ufffd"); // Go replaces invalid UTF-8 the same way
                    }
                    else
                    {
                        s.Append(c);
                    }
                    break;
            }
        }
        return s.Append('"').ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private readonly Stack<bool> _hasItems = new();
        private int _depth;

        public void Open(char bracket)
        {
            _text.Append(bracket);
            _hasItems.Push(false);
            _depth++;
        }

        public void Close(char bracket)
        {
            bool any = _hasItems.Pop();
            _depth--;
            if (any)
            {
                NewLine();
            }
            _text.Append(bracket);
        }

        public void Key(string name)
        {
            Separator();
            _text.Append(Quote(name)).Append(": ");
        }

        public void Field(string name, string value)
        {
            Key(name);
            _text.Append(Quote(value));
        }

        public void List<T>(string name, IReadOnlyList<T> items, Action<T> writeFields)
        {
            Key(name);
            Open('[');
            foreach (T item in items)
            {
                Separator();
                Open('{');
                writeFields(item);
                Close('}');
            }
            Close(']');
        }

        private void Separator()
        {
            if (_hasItems.Peek())
            {
                _text.Append(',');
            }
            else
            {
                _hasItems.Pop();
                _hasItems.Push(true);
            }
            NewLine();
        }

        private void NewLine() => _text.Append('\n').Append(' ', 2 * _depth);

        public override string ToString() => _text.ToString();
    }
}
