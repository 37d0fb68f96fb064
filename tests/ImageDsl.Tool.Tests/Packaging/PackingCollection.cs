namespace ImageDsl.Tests.Packaging;

/// <summary>
/// The test classes that `dotnet pack` the repository's packages: one at a time, because packing one project
/// twice at once writes the same intermediate files (its nuspec, the tool's publish folder) from two processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackingCollection
{
    public const string Name = "packing";
}
