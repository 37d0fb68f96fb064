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
            any |= p.Length > 0 && p[0] == CatalogReferences.Marker;
        }
        if (!any)
        {
            return spec;
        }
        var resolved = new List<string>(packages.Count);
        foreach (string p in packages)
        {
            if (p.Length == 0 || p[0] != CatalogReferences.Marker)
            {
                resolved.Add(p);
            }
            else if (Names().TryGetValue(p.Substring(1), out string? name))
            {
                resolved.Add(name);
            }
        }
        return spec with { Configuration = spec.Configuration with { Packages = resolved.ToEquatableArray() } };
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
