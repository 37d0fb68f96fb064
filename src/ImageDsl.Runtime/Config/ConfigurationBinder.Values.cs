using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

// Shape checks and scalar conversions shared by every field.
internal sealed partial class ConfigurationBinder
{
    /// <summary>The known fields of one mapping.</summary>
    private sealed class FieldSet
    {
        private readonly Dictionary<string, YamlTreeNode> _fields = new(StringComparer.Ordinal);

        public void Add(string key, YamlTreeNode value) => _fields[key] = value;

        public YamlTreeNode? Get(string key) => _fields.GetValueOrDefault(key);
    }

    /// <summary>
    /// Checks that <paramref name="node"/> is a mapping whose keys are all in <paramref name="known"/>.
    /// Returns null when the node is absent, null, or of the wrong shape (reported).
    /// </summary>
    private FieldSet? Fields(YamlTreeNode? node, string yamlPath, string memberPath, string[] known, string what)
    {
        if (node is null || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }
        _map.Set(memberPath, node.Location);
        if (node is not YamlTreeMapping mapping)
        {
            WrongShape(node, yamlPath, "a mapping");
            return null;
        }
        var fields = new FieldSet();
        foreach (var (key, value) in mapping.Entries)
        {
            if (Array.IndexOf(known, key.Text) >= 0)
            {
                fields.Add(key.Text, value);
            }
            else
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownField, key.Location, UnknownFieldMessage(key.Text, what, known));
            }
        }
        return fields;
    }

    private static string UnknownFieldMessage(string key, string what, string[] known)
    {
        if (!DiagnosticExcerpt.LooksLikeFieldName(key))
        {
            return $"unknown field in {what}: {DiagnosticExcerpt.UnshownKey(key)}; expected one of {string.Join(", ", known)}";
        }
        string message = string.Format(System.Globalization.CultureInfo.InvariantCulture,
            DiagnosticCatalog.UnknownField.MessageFormat, key, what);
        if (RemovedKeys.TryGetValue(key, out string? removed) && what == "the configuration")
        {
            return message + "; " + removed;
        }
        string? suggestion = Suggest(key, known);
        return suggestion is null
            ? message + $"; expected one of {string.Join(", ", known)}"
            : message + $"; did you mean '{suggestion}'?";
    }

    /// <summary>The known key closest to a misspelt one: same letters in another convention, or a few edits away.</summary>
    internal static string? Suggest(string key, IEnumerable<string> known)
    {
        static string Letters(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = Letters(candidate) == Letters(key) ? 0 : EditDistance.Between(key.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return bestDistance <= Math.Min(3, Math.Max(1, key.Length / 2)) ? best : null;
    }

    /// <summary>The items of a list, with their YAML and member paths; absent or null is an empty list.</summary>
    private IEnumerable<(YamlTreeNode Item, string YamlPath, string MemberPath)> Items(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        if (node is null || node is YamlTreeScalar { IsNull: true })
        {
            yield break;
        }
        _map.Set(memberPath, node.Location);
        if (node is not YamlTreeSequence sequence)
        {
            WrongShape(node, yamlPath, "a list");
            yield break;
        }
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            string itemMember = MemberPath.Item(memberPath, i);
            _map.Set(itemMember, sequence.Items[i].Location);
            yield return (sequence.Items[i], $"{yamlPath}[{i}]", itemMember);
        }
    }

    private ValueList<T> List<T>(YamlTreeNode? node, string yamlPath, string memberPath, Func<YamlTreeNode, string, string, T?> bind)
        where T : class
    {
        var items = new List<T>();
        foreach (var (item, itemYaml, itemMember) in Items(node, yamlPath, memberPath))
        {
            if (bind(item, itemYaml, itemMember) is { } bound)
            {
                items.Add(bound);
            }
        }
        return items.ToValueList();
    }

    private ValueList<string> TextList(YamlTreeNode? node, string yamlPath, string memberPath) =>
        List(node, yamlPath, memberPath, (item, y, m) => Scalar(item, y, m, out string? text) ? text ?? "" : null);

    private ValueMap<string> TextMap(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        if (node is null || node is YamlTreeScalar { IsNull: true })
        {
            return ValueMap<string>.Empty;
        }
        _map.Set(memberPath, node.Location);
        if (node is not YamlTreeMapping mapping)
        {
            WrongShape(node, yamlPath, "a mapping");
            return ValueMap<string>.Empty;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in mapping.Entries)
        {
            string entryMember = MemberPath.Key(memberPath, key.Text);
            _map.Set(entryMember, key.Location);
            if (Scalar(value, $"{yamlPath}.{key.Text}", entryMember, out string? text, record: false))
            {
                pairs.Add(new(key.IsNull ? "" : key.Text, text ?? ""));
            }
        }
        return pairs.ToValueMap();
    }

    /// <summary>An optional text field: absent, null and "" are all null (Go cannot tell them apart).</summary>
    private string? Text(YamlTreeNode? node, string yamlPath, string memberPath) =>
        Scalar(node, yamlPath, memberPath, out string? text) && !string.IsNullOrEmpty(text) ? text : null;

    /// <summary>Any scalar as its text (as yaml.v3 does for string fields); null for a YAML null.</summary>
    private bool Scalar(YamlTreeNode? node, string yamlPath, string memberPath, out string? text, bool record = true)
    {
        text = null;
        if (node is null)
        {
            return false;
        }
        if (record)
        {
            _map.Set(memberPath, node.Location);
        }
        if (node is not YamlTreeScalar scalar)
        {
            WrongShape(node, yamlPath, "text");
            return false;
        }
        text = scalar.IsNull ? null : scalar.Text;
        return true;
    }

    /// <summary>An integer field written the way yaml.v3 reads integers; null when absent or null.</summary>
    private long? Integer(YamlTreeNode? node, string yamlPath, string memberPath, long min, long max, DiagnosticInfo? onBadNumber = null)
    {
        if (!Scalar(node, yamlPath, memberPath, out string? text) || text is null)
        {
            return null;
        }
        var scalar = (YamlTreeScalar)node!;
        if (!scalar.IsExplicitString && YamlScalars.TryParseInteger(text, out long value) && value >= min && value <= max)
        {
            return value;
        }
        if (onBadNumber is not null)
        {
            _diagnostics.Report(onBadNumber, node!.Location, text);
            return null;
        }
        string range = min == 0 ? $"a whole number from 0 to {max}" : "a whole number";
        string quoted = scalar.IsExplicitString && YamlScalars.TryParseInteger(text, out _) ? " (write it without quotes)" : "";
        _diagnostics.Add(DiagnosticCatalog.InvalidValue, node!.Location, $"{yamlPath} must be {range}, not '{text}'{quoted}");
        return null;
    }

    private uint? UnsignedId(YamlTreeNode? node, string yamlPath, string memberPath) =>
        (uint?)Integer(node, yamlPath, memberPath, 0, uint.MaxValue);

    private bool? Boolean(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        if (!Scalar(node, yamlPath, memberPath, out string? text) || text is null)
        {
            return null;
        }
        if (((YamlTreeScalar)node!).IsPlain && YamlScalars.TryParseBoolean(text, out bool value))
        {
            return value;
        }
        _diagnostics.Add(DiagnosticCatalog.InvalidValue, node.Location, $"{yamlPath} must be true or false, not '{text}'");
        return null;
    }

    private void WrongShape(YamlTreeNode node, string yamlPath, string expected)
    {
        string name = yamlPath.Length == 0 ? "the configuration" : yamlPath;
        _diagnostics.Add(DiagnosticCatalog.InvalidValue, node.Location, $"{name} must be {expected}, not {node.Describe()}");
    }
}
