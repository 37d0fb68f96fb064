using YamlDotNet.Core;

namespace ImageDsl.Config;

/// <summary>A YAML node with the place it was written. Aliases resolve to the anchored node.</summary>
internal abstract class YamlTreeNode
{
    protected YamlTreeNode(SourceLocation location) => Location = location;

    /// <summary>Where the node starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>Words for error messages: "a list", "a mapping", "the text 'x'".</summary>
    public abstract string Describe();
}

/// <summary>A scalar: its text, and whether it was quoted or tagged (which decides how it resolves).</summary>
internal sealed class YamlTreeScalar : YamlTreeNode
{
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string StringTag = "tag:yaml.org,2002:str";

    public YamlTreeScalar(string text, ScalarStyle style, string? tag, SourceLocation location)
        : base(location)
    {
        Text = text;
        Style = style;
        Tag = tag;
    }

    public string Text { get; }

    public ScalarStyle Style { get; }

    /// <summary>The explicit tag (`!!str`...) in long form, or null.</summary>
    public string? Tag { get; }

    /// <summary>Unquoted and untagged: the only form whose meaning depends on its text (`~`, `true`, `0o755`).</summary>
    public bool IsPlain => Style == ScalarStyle.Plain && (Tag is null || Tag == "?");

    /// <summary>Plain `~`, `null`, empty, or tagged `!!null`.</summary>
    public bool IsNull =>
        Tag == NullTag || (IsPlain && Text is "" or "~" or "null" or "Null" or "NULL");

    /// <summary>Explicitly a string (quoted, block or `!!str`): never a number or boolean.</summary>
    public bool IsExplicitString => (!IsPlain && Tag != NullTag) || Tag == StringTag;

    public override string Describe() => IsNull ? "null" : DiagnosticExcerpt.Quote(Text);
}

/// <summary>A sequence.</summary>
internal sealed class YamlTreeSequence : YamlTreeNode
{
    public YamlTreeSequence(IReadOnlyList<YamlTreeNode> items, SourceLocation location)
        : base(location) => Items = items;

    public IReadOnlyList<YamlTreeNode> Items { get; }

    public override string Describe() => "a list";
}

/// <summary>A mapping with scalar keys, in document order.</summary>
internal sealed class YamlTreeMapping : YamlTreeNode
{
    public YamlTreeMapping(IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries, SourceLocation location)
        : base(location) => Entries = entries;

    public IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; }

    public override string Describe() => "a mapping";
}
