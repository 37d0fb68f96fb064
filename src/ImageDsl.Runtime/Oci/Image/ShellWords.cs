using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Oci;

/// <summary>
/// Splits `entrypoint.command` and `cmd` into words exactly as apko's google/shlex does: blanks
/// separate words; '...' is literal; "..." allows backslash escapes of any character; a backslash
/// outside quotes escapes the next character; a '#' at the start of a word comments out the line.
/// </summary>
public static class ShellWords
{
    private enum State
    {
        Start,
        Word,
        Escaping,
        EscapingInDoubleQuotes,
        DoubleQuoted,
        SingleQuoted,
        Comment,
    }

    /// <summary>The words of <paramref name="text"/>; <paramref name="key"/> names the setting in errors.</summary>
    public static IReadOnlyList<string> Split(string text, string key = "command")
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        State state = State.Start;
        foreach (char c in text)
        {
            bool space = c is ' ' or '\t' or '\r' or '\n';
            switch (state)
            {
                case State.Start:
                    if (space)
                    {
                        break;
                    }
                    state = c switch
                    {
                        '"' => State.DoubleQuoted,
                        '\'' => State.SingleQuoted,
                        '\\' => State.Escaping,
                        '#' => State.Comment,
                        _ => State.Word,
                    };
                    inWord = state != State.Comment;
                    if (state == State.Word)
                    {
                        word.Append(c);
                    }
                    break;
                case State.Word:
                    if (space)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                        state = State.Start;
                        break;
                    }
                    state = c switch
                    {
                        '"' => State.DoubleQuoted,
                        '\'' => State.SingleQuoted,
                        '\\' => State.Escaping,
                        _ => State.Word,
                    };
                    if (state == State.Word)
                    {
                        word.Append(c);
                    }
                    break;
                case State.Escaping:
                    word.Append(c);
                    state = State.Word;
                    break;
                case State.EscapingInDoubleQuotes:
                    word.Append(c);
                    state = State.DoubleQuoted;
                    break;
                case State.DoubleQuoted:
                    if (c == '"')
                    {
                        state = State.Word;
                    }
                    else if (c == '\\')
                    {
                        state = State.EscapingInDoubleQuotes;
                    }
                    else
                    {
                        word.Append(c);
                    }
                    break;
                case State.SingleQuoted:
                    if (c == '\'')
                    {
                        state = State.Word;
                    }
                    else
                    {
                        word.Append(c);
                    }
                    break;
                case State.Comment:
                    if (c == '\n')
                    {
                        state = State.Start;
                    }
                    break;
            }
        }
        switch (state)
        {
            case State.Escaping or State.EscapingInDoubleQuotes:
                throw Error(key, text, "EOF found after escape character");
            case State.DoubleQuoted or State.SingleQuoted:
                throw Error(key, text, "EOF found when expecting closing quote");
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static ImageDslException Error(string key, string text, string why) =>
        new(ErrorKind.Configuration, $"cannot split {key} '{text}' into words: {why}",
            "close every quote and do not end with a backslash");
}
