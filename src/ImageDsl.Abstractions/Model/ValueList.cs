using System.Collections;
using System.Runtime.CompilerServices;

namespace ImageDsl.Model;

/// <summary>
/// An immutable list that compares by value, so records holding lists stay value-equal.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    private ValueList(T[] items) => _items = items;

    /// <summary>Copies <paramref name="items"/> into a new list.</summary>
    public static ValueList<T> From(IEnumerable<T>? items)
    {
        if (items is null)
        {
            return Empty;
        }
        T[] array = items.ToArray();
        return array.Length == 0 ? Empty : new ValueList<T>(array);
    }

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>True when the list has no items.</summary>
    public bool IsEmpty => _items.Length == 0;

    /// <summary>A new list with <paramref name="more"/> appended.</summary>
    public ValueList<T> AddRange(IEnumerable<T> more) => From(_items.Concat(more));

    /// <summary>A new list with <paramref name="item"/> appended.</summary>
    public ValueList<T> Add(T item) => From(_items.Append(item));

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        return _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    /// <summary>Compares two lists by value.</summary>
    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => left?.Equals(right) ?? right is null;

    /// <summary>Compares two lists by value.</summary>
    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !(left == right);
}

/// <summary>Factory for <see cref="ValueList{T}"/>, used by collection expressions.</summary>
public static class ValueList
{
    /// <summary>Creates a list from a span (collection expressions call this).</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.From(items.ToArray());

    /// <summary>Creates a list from a sequence.</summary>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T>? items) => ValueList<T>.From(items);
}
