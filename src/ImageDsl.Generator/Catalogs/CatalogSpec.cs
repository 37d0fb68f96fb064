using ImageDsl.Generator.Helpers;

namespace ImageDsl.Generator.Catalogs;

/// <summary>One package of a catalogue, as the generator emits it (equatable for caching).</summary>
internal sealed record CatalogEntry(string Member, string Name, string Version, string License, string Description, string Provides);

/// <summary>
/// A parsed <c>.catalog</c> AdditionalFile: the class to emit and its constants. Equatable, so an
/// unchanged catalogue is not emitted again; errors are kept for the analyzer that reports them.
/// </summary>
internal sealed record CatalogSpec(string Path, string FileName, string ClassName, EquatableArray<CatalogEntry> Entries, EquatableArray<CatalogError> Errors);

/// <summary>A line of a catalogue that could not be read.</summary>
internal sealed record CatalogError(int Line, string Message);
