namespace ImageDsl.Generator.Declarations;

/// <summary>A <c>[Content]</c> attribute: a folder packed into a package at build time.</summary>
internal sealed class LocalContentDeclaration
{
    public LocalContentDeclaration(Sourced<string?> path) => Path = path;

    public Sourced<string?> Path { get; }
    public Sourced<string?>? Name { get; set; }
    public Sourced<string?>? To { get; set; }
    public Sourced<string?>? Version { get; set; }
    public Sourced<string?>? Arch { get; set; }
    public Sourced<string?>? Owner { get; set; }
}
