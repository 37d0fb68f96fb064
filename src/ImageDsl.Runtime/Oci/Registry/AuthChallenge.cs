using System.Text;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge: a scheme (Basic, Bearer) and its parameters
/// (realm, service, scope, error). Values may be quoted and then contain commas and escapes.
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>Parses every challenge in the header values; unknown syntax is skipped, never thrown.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthChallenge>();
        foreach (string value in headerValues)
        {
            ParseInto(value, challenges);
        }
        return challenges;
    }

    /// <summary>The challenge to answer: Bearer if offered, else Basic, else null.</summary>
    public static AuthChallenge? Preferred(IReadOnlyList<AuthChallenge> challenges) =>
        challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);

    private static void ParseInto(string text, List<AuthChallenge> challenges)
    {
        int i = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSeparators(text, ref i);
            if (i >= text.Length)
            {
                break;
            }
            string token = ReadToken(text, ref i);
            if (token.Length == 0)
            {
                i++; // a stray character: skip it rather than loop
                continue;
            }
            SkipSpaces(text, ref i);
            if (i < text.Length && text[i] == '=' && scheme is not null)
            {
                i++;
                SkipSpaces(text, ref i);
                parameters[token] = i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i) : ReadToken(text, ref i);
                continue;
            }
            if (scheme is not null)
            {
                challenges.Add(new AuthChallenge(scheme, parameters));
                parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
            scheme = token;
        }
        if (scheme is not null)
        {
            challenges.Add(new AuthChallenge(scheme, parameters));
        }
    }

    private static string ReadToken(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && text[i] is not (' ' or '\t' or ',' or '=' or '"'))
        {
            i++;
        }
        return text[start..i];
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        i++; // opening quote
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }
            value.Append(text[i]);
            i++;
        }
        i++; // closing quote (or past the end)
        return value.ToString();
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static void SkipSeparators(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or ',')
        {
            i++;
        }
    }
}
