using System.Collections;

namespace ImageDsl.Model;

/// <summary>
/// An immutable string-keyed map that keeps insertion order (for faithful output) and compares
/// by value regardless of order (two configs with the same pairs are equal).
/// </summary>
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly KeyValuePair<string, TValue>[] _pairs;
    private readonly Dictionary<string, TValue> _lookup;

    /// <summary>The empty map.</summary>
    public static ValueMap<TValue> Empty { get; } = new([]);

    private ValueMap(KeyValuePair<string, TValue>[] pairs)
    {
        _pairs = pairs;
        _lookup = new Dictionary<string, TValue>(pairs.Length, StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            _lookup[pair.Key] = pair.Value;
        }
    }

    /// <summary>
    /// Creates a map from pairs; a later duplicate key replaces the earlier value but keeps its position.
    /// </summary>
    public static ValueMap<TValue> From(IEnumerable<KeyValuePair<string, TValue>>? pairs)
    {
        if (pairs is null)
        {
            return Empty;
        }
        var ordered = new List<KeyValuePair<string, TValue>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (index.TryGetValue(pair.Key, out int at))
            {
                ordered[at] = pair;
            }
            else
            {
                index[pair.Key] = ordered.Count;
                ordered.Add(pair);
            }
        }
        return ordered.Count == 0 ? Empty : new ValueMap<TValue>(ordered.ToArray());
    }

    /// <summary>A new map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public ValueMap<TValue> SetItem(string key, TValue value) =>
        From(_pairs.Append(new KeyValuePair<string, TValue>(key, value)));

    /// <inheritdoc />
    public TValue this[string key] => _lookup[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<TValue> Values => _pairs.Select(p => p.Value);

    /// <inheritdoc />
    public int Count => _pairs.Length;

    /// <summary>True when the map has no pairs.</summary>
    public bool IsEmpty => _pairs.Length == 0;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out TValue value) => _lookup.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueMap<TValue>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        var comparer = EqualityComparer<TValue>.Default;
        foreach (var pair in _pairs)
        {
            if (!other._lookup.TryGetValue(pair.Key, out TValue? value) || !comparer.Equals(pair.Value, value))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int hash = 0;
        foreach (var pair in _pairs)
        {
            hash ^= HashCode.Combine(pair.Key, pair.Value);
        }
        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _pairs.Select(p => $"{p.Key}: {p.Value}")) + "}";

    /// <summary>Compares two maps by value.</summary>
    public static bool operator ==(ValueMap<TValue>? left, ValueMap<TValue>? right) => left?.Equals(right) ?? right is null;

    /// <summary>Compares two maps by value.</summary>
    public static bool operator !=(ValueMap<TValue>? left, ValueMap<TValue>? right) => !(left == right);
}

/// <summary>Factory helpers for <see cref="ValueMap{TValue}"/>.</summary>
public static class ValueMap
{
    /// <summary>Creates a map from a sequence of pairs.</summary>
    public static ValueMap<TValue> ToValueMap<TValue>(this IEnumerable<KeyValuePair<string, TValue>>? pairs) => ValueMap<TValue>.From(pairs);

    /// <summary>Creates a map from (key, value) tuples.</summary>
    public static ValueMap<TValue> Of<TValue>(params (string Key, TValue Value)[] pairs) =>
        ValueMap<TValue>.From(pairs.Select(p => new KeyValuePair<string, TValue>(p.Key, p.Value)));
}
