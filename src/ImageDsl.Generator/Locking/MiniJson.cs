using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ImageDsl.Generator.Locking;

/// <summary>A JSON syntax error, with the 1-based line and column where it was found.</summary>
internal sealed class MiniJsonException : Exception
{
    public MiniJsonException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A small strict JSON reader for lock files: objects become <see cref="Dictionary{TKey, TValue}"/>, arrays
/// <see cref="List{T}"/>, strings <see cref="string"/>, numbers <see cref="double"/>, plus bool and null.
/// Analyzers should not carry System.Text.Json, and a lock file needs nothing more.
/// </summary>
internal sealed class MiniJson
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private MiniJson(string text) => _text = text;

    /// <exception cref="MiniJsonException">The text is not one JSON value.</exception>
    public static object? Parse(string text)
    {
        var reader = new MiniJson(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._position++;
        }
        object? value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }
        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("the JSON is nested too deeply");
        }
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the file");
        }
        char c = _text[_position];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': return ReadWord("true", true);
            case 'f': return ReadWord("false", false);
            case 'n': return ReadWord("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }
                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _position++; // {
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return result;
        }
        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a property name in double quotes");
            }
            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            result[key] = ReadValue(depth + 1);
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return result;
            }
            Expect(',');
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _position++; // [
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return result;
        }
        while (true)
        {
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return result;
            }
            Expect(',');
        }
    }

    private string ReadString()
    {
        _position++; // opening quote
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }
            char c = _text[_position++];
            if (c == '"')
            {
                return text.ToString();
            }
            if (c < ' ')
            {
                throw Error("a control character in a string must be escaped");
            }
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }
            char escape = _text[_position++];
            switch (escape)
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case '/': text.Append('/'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("\\u must be followed by four hex digits");
                    }
                    text.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error($"unknown escape '\\{escape}'");
            }
        }
    }

    private double ReadNumber()
    {
        int start = _position;
        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
        {
            _position++;
        }
        string number = _text.Substring(start, _position - start);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            _position = start;
            throw Error($"'{number}' is not a number");
        }
        return value;
    }

    private object? ReadWord(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error($"unexpected character '{_text[_position]}'");
        }
        _position += word.Length;
        return value;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r'))
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error(_position < _text.Length ? $"expected '{c}' but found '{_text[_position]}'" : $"expected '{c}' but the file ends");
        }
    }

    private MiniJsonException Error(string message)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new MiniJsonException(message, line, _position - lineStart + 1);
    }
}
