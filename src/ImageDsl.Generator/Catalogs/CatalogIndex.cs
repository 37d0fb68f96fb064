using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ImageDsl.Generator.Helpers;
using ImageDsl.Generator.Model;

namespace ImageDsl.Generator.Catalogs;

/// <summary>
/// Every catalogue of the project, for resolving <see cref="CatalogReferences"/> in package lists.
/// Equal when the catalogues are, so an image is re-emitted only when it or a catalogue changed.
/// </summary>
internal sealed class CatalogIndex : IEquatable<CatalogIndex>
{
    private readonly EquatableArray<CatalogSpec> _catalogs;
    private Dictionary<string, string>? _names;

    public CatalogIndex(ImmutableArray<CatalogSpec> catalogs) => _catalogs = catalogs.ToEquatableArray();

    /// <summary>Replaces the references in <paramref name="spec"/>'s packages by package names; unknown ones are dropped (the compiler reports them).</summary>
    public ImageSpec Resolve(ImageSpec spec)
    {
        EquatableArray<string> packages = spec.Configuration.Packages;
        bool any = false;
        foreach (string p in packages)
        {
            any |= p.IndexOf(CatalogReferences.Marker) >= 0;
        }
        if (!any)
        {
            return spec;
        }
        var resolved = new List<string>(packages.Count);
        foreach (string p in packages)
        {
            if (Substitute(p) is { } name)
            {
                resolved.Add(name);
            }
        }
        return spec with { Configuration = spec.Configuration with { Packages = resolved.ToEquatableArray() } };
    }

    /// <summary>The text with each reference replaced by its package name; null when one is unknown.</summary>
    public string? Substitute(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        int at = 0;
        while (at < text.Length)
        {
            int start = text.IndexOf(CatalogReferences.Marker, at);
            if (start < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }
            int end = text.IndexOf(CatalogReferences.End, start);
            if (end < 0 || !Names().TryGetValue(text.Substring(start + 1, end - start - 1), out string? name))
            {
                return null;
            }
            result.Append(text, at, start - at).Append(name);
            at = end + 1;
        }
        return result.ToString();
    }

    private Dictionary<string, string> Names()
    {
        if (_names is null)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CatalogSpec catalog in _catalogs)
            {
                foreach (CatalogEntry entry in catalog.Entries)
                {
                    names[catalog.ClassName + "." + entry.Member] = entry.Name;
                }
            }
            _names = names;
        }
        return _names;
    }

    public bool Equals(CatalogIndex? other) => other is not null && _catalogs.Equals(other._catalogs);

    public override bool Equals(object? obj) => Equals(obj as CatalogIndex);

    public override int GetHashCode() => _catalogs.GetHashCode();
}
