using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Declarations;

/// <summary>
/// Which attribute argument a value came from, so an analyzer can point at it. Never stored in the
/// generator pipeline's output (it holds an <see cref="AttributeData"/>).
/// </summary>
internal readonly struct Origin
{
    private Origin(AttributeData attribute, int position, int element, string? named)
    {
        Attribute = attribute;
        Position = position;
        Element = element;
        Named = named;
    }

    public AttributeData Attribute { get; }

    /// <summary>The constructor parameter index, or -1 for a named argument or the whole attribute.</summary>
    public int Position { get; }

    /// <summary>The element of an array argument (params or named array), or -1.</summary>
    public int Element { get; }

    /// <summary>The named argument (property) name, or null.</summary>
    public string? Named { get; }

    public static Origin Whole(AttributeData attribute) => new Origin(attribute, -1, -1, null);

    public static Origin Argument(AttributeData attribute, int position, int element = -1) =>
        new Origin(attribute, position, element, null);

    public static Origin NamedArgument(AttributeData attribute, string name, int element = -1) =>
        new Origin(attribute, -1, element, name);
}

/// <summary>A declared value with the attribute argument it came from.</summary>
internal readonly struct Sourced<T>
{
    public Sourced(T value, Origin origin)
    {
        Value = value;
        Origin = origin;
    }

    public T Value { get; }

    public Origin Origin { get; }
}
