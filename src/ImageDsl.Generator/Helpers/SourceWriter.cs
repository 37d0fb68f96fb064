using System.Text;

namespace ImageDsl.Generator.Helpers;

/// <summary>
/// Builds generated C# text with indentation. Lines always end in '\n' so the output is the same on
/// every OS.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new StringBuilder();
    private int _indent;

    public SourceWriter Line(string line)
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _text.Append(IndentUnit);
            }
            _text.Append(line);
        }
        _text.Append('\n');
        return this;
    }

    public SourceWriter Line() => Line("");

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <summary>Writes <paramref name="line"/> (usually "{") and indents what follows.</summary>
    public SourceWriter Open(string line = "{")
    {
        Line(line);
        _indent++;
        return this;
    }

    /// <summary>Outdents and writes <paramref name="line"/> (usually "}").</summary>
    public SourceWriter Close(string line = "}")
    {
        _indent--;
        return Line(line);
    }

    public override string ToString() => _text.ToString();
}
