namespace ImageDsl.Config;

/// <summary>
/// Member paths name a value inside an <see cref="Model.ImageConfiguration"/> with the model's property names:
/// `Contents.Packages[2]`, `Accounts.Users[0].Uid`, `Environment["PATH"]`. The YAML reader records a
/// location for each; the validator asks for the location of the path it complains about.
/// </summary>
public static class MemberPath
{
    /// <summary>The path of property <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    /// <summary>The path of list item <paramref name="index"/> of the list at <paramref name="list"/>.</summary>
    public static string Item(string list, int index) => $"{list}[{index}]";

    /// <summary>The path of map entry <paramref name="key"/> of the map at <paramref name="map"/>.</summary>
    public static string Key(string map, string key) =>
        map + "[\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";

    /// <summary>The path one level up (`A.B[1]` to `A.B`, `A.B` to `A`), or "" at the root.</summary>
    public static string Parent(string path)
    {
        if (path.Length == 0)
        {
            return "";
        }
        if (path[^1] == ']')
        {
            int open = FindOpeningBracket(path);
            return path[..open];
        }
        int dot = path.LastIndexOf('.');
        // A dot inside a quoted map key does not separate members.
        int bracket = path.LastIndexOf(']');
        return dot > bracket ? path[..dot] : "";
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsWithin(string path, string root) =>
        root.Length == 0
        || (path.StartsWith(root, StringComparison.Ordinal)
            && (path.Length == root.Length || path[root.Length] == '.' || path[root.Length] == '['));

    private static int FindOpeningBracket(string path)
    {
        int close = path.Length - 2;
        if (path[close] != '"')
        {
            return path.LastIndexOf('[');
        }
        // A quoted key escapes '"' and '\'; the opening quote is the first unescaped one going back.
        for (int i = close - 1; i > 0; i--)
        {
            if (path[i] == '"' && CountBackslashesBefore(path, i) % 2 == 0)
            {
                return i - 1;
            }
        }
        return 0;
    }

    private static int CountBackslashesBefore(string path, int index)
    {
        int count = 0;
        for (int i = index - 1; i >= 0 && path[i] == '\\'; i--)
        {
            count++;
        }
        return count;
    }
}
