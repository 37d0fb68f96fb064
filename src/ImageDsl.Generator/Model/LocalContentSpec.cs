namespace ImageDsl.Generator.Model;

/// <summary>A <c>[Content]</c> entry (ImageDsl.Model.LocalContent); null members keep the model's defaults.</summary>
internal sealed record LocalContentSpec(string Path, string? Name, string? To, string? Version, string? Arch, string? Owner);
