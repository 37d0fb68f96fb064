using System.Text.RegularExpressions;
using ImageDsl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageDsl.Config;

/// <summary>
/// Reads the first YAML document of a text into a <see cref="YamlTreeNode"/> tree that keeps every
/// node's line and column. Like yaml.v3: aliases and `&lt;&lt;` merge keys are resolved, duplicate keys are
/// errors, later documents are ignored, and documents that expand enormously through aliases are refused.
/// </summary>
internal sealed partial class YamlTreeReader
{
    // yaml.v3 refuses "excessive aliasing"; a tree this large is never a real image configuration.
    private const long MaxExpandedNodes = 1_000_000;

    /// <summary>
    /// The characters of scalar text the document may expand to with every alias resolved. Node counts alone
    /// miss one large scalar aliased many times (1 MB x 5,000 aliases is 5 GB once anything copies it out).
    /// </summary>
    internal const long MaxExpandedCharacters = 16L * 1024 * 1024;
    private const int MaxDepth = 200;

    private readonly string _file;
    private readonly DiagnosticCollector _diagnostics;
    private readonly Dictionary<string, (YamlTreeNode Node, Expansion Size)> _anchors = new(StringComparer.Ordinal);
    private IParser _parser = null!;
    private Mark _lastGood = Mark.Empty;

    private YamlTreeReader(string file, DiagnosticCollector diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. Returns null for a document with no content, or when the text is not
    /// YAML (the syntax error is then reported to <paramref name="diagnostics"/>).
    /// </summary>
    public static YamlTreeNode? Read(string text, string file, DiagnosticCollector diagnostics, out bool empty)
    {
        var reader = new YamlTreeReader(file, diagnostics);
        empty = false;
        try
        {
            reader._parser = new Parser(new StringReader(text));
            reader._parser.Consume<StreamStart>();
            if (reader._parser.TryConsume<StreamEnd>(out _))
            {
                empty = true;
                return null;
            }
            reader._parser.Consume<DocumentStart>();
            (YamlTreeNode node, _) = reader.ReadNode(0);
            return node;
        }
        catch (YamlException error)
        {
            SourceLocation at = error.Message.Contains(" tab ", StringComparison.Ordinal)
                ? FirstIndentationTab(text, file) ?? reader.At(error.Start)
                : reader.At(error.Start);
            diagnostics.Add(DiagnosticCatalog.InvalidDocument, at, "not valid YAML: " + CleanMessage(error));
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or IndexOutOfRangeException
                                           or FormatException or OverflowException)
        {
            // YamlDotNet 18.1 throws InvalidOperationException on some unclosed flow collections ("a: [1, 2\nb: 3");
            // whatever the parser trips on, the user gets a located error, not a crash.
            diagnostics.Add(DiagnosticCatalog.InvalidDocument, reader.At(reader._lastGood),
                "not valid YAML: the text after this point cannot be parsed (an unclosed '[' or '{'?)");
            return null;
        }
    }

    // YamlDotNet reports a tab used as indentation at the start of the enclosing mapping; point at the tab.
    private static SourceLocation? FirstIndentationTab(string text, string file)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            int tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return new SourceLocation(file, i + 1, tab + 1);
            }
        }
        return null;
    }

    private (YamlTreeNode Node, Expansion Size) ReadNode(int depth)
    {
        ParsingEvent current = _parser.Current ?? throw new YamlException("unexpected end of the document");
        _lastGood = current.End;
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"the document nests deeper than {MaxDepth} levels");
        }
        (YamlTreeNode Node, Expansion Size) result;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out result))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                }
                return result;
            case Scalar scalar:
                _parser.MoveNext();
                result = (new YamlTreeScalar(scalar.Value, scalar.Style, TagOf(scalar), At(scalar.Start)), new Expansion(1, scalar.Value.Length));
                break;
            case SequenceStart start:
                _parser.MoveNext();
                result = ReadSequence(start, depth);
                break;
            case MappingStart start:
                _parser.MoveNext();
                result = ReadMapping(start, depth);
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = result;
        }
        return result;
    }

    private (YamlTreeNode, Expansion) ReadSequence(SequenceStart start, int depth)
    {
        var items = new List<YamlTreeNode>();
        var size = new Expansion(1, 0);
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            (YamlTreeNode item, Expansion itemSize) = ReadNode(depth + 1);
            items.Add(item);
            size = CheckSize(size + itemSize, start);
        }
        return (new YamlTreeSequence(items, At(start.Start)), size);
    }

    private (YamlTreeNode, Expansion) ReadMapping(MappingStart start, int depth)
    {
        var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        var merged = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
        var size = new Expansion(1, 0);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            (YamlTreeNode keyNode, Expansion keySize) = ReadNode(depth + 1);
            (YamlTreeNode value, Expansion valueSize) = ReadNode(depth + 1);
            size = CheckSize(size + keySize + valueSize, start);
            if (keyNode is not YamlTreeScalar key)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidValue, keyNode.Location, $"a mapping key must be a plain word, not {keyNode.Describe()}");
                continue;
            }
            if (key.IsPlain && key.Text == "<<")
            {
                merged.AddRange(MergeKeyEntries(value));
                continue;
            }
            if (seen.TryGetValue(key.Text, out YamlTreeScalar? first))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidDocument, key.Location,
                    $"mapping key '{key.Text}' already defined at line {first.Location.Line}");
                continue;
            }
            seen[key.Text] = key;
            entries.Add(new(key, value));
        }
        // Merge keys (`<<: *base`) fill in only what the mapping does not say itself.
        foreach (var entry in merged)
        {
            if (seen.TryAdd(entry.Key.Text, entry.Key))
            {
                entries.Add(entry);
            }
        }
        return (new YamlTreeMapping(entries, At(start.Start)), size);
    }

    private IEnumerable<KeyValuePair<YamlTreeScalar, YamlTreeNode>> MergeKeyEntries(YamlTreeNode value)
    {
        IEnumerable<YamlTreeNode> sources = value is YamlTreeSequence list ? list.Items : [value];
        foreach (YamlTreeNode source in sources)
        {
            if (source is YamlTreeMapping mapping)
            {
                foreach (var entry in mapping.Entries)
                {
                    yield return entry;
                }
            }
            else
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidValue, source.Location, $"a '<<' merge key needs a mapping, not {source.Describe()}");
            }
        }
    }

    private static Expansion CheckSize(Expansion size, ParsingEvent start) =>
        size.Nodes <= MaxExpandedNodes && size.Characters <= MaxExpandedCharacters
            ? size
            : throw new YamlException(start.Start, start.End, size.Nodes > MaxExpandedNodes
                ? "the document contains excessive aliasing"
                : $"the document contains excessive aliasing: resolving its aliases gives more than {MaxExpandedCharacters / (1024 * 1024)} MiB of text");

    /// <summary>What a node stands for once every alias in it is resolved: nodes, and characters of scalar text.</summary>
    private readonly record struct Expansion(long Nodes, long Characters)
    {
        // Saturating: a deep alias chain must not overflow past the check.
        public static Expansion operator +(Expansion a, Expansion b) =>
            new(Math.Min(a.Nodes + b.Nodes, long.MaxValue / 4), Math.Min(a.Characters + b.Characters, long.MaxValue / 4));
    }

    private static string? TagOf(NodeEvent node) => node.Tag.IsEmpty ? null : node.Tag.Value;

    private SourceLocation At(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string CleanMessage(YamlException error)
    {
        string message = error.InnerException?.Message ?? error.Message;
        return LocationPrefix().Replace(message, "");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();
}
