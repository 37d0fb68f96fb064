namespace ImageDsl.Oci.Registry;

/// <summary>A manifest or index as a registry served it: its exact bytes, media type and verified digest.</summary>
/// <param name="Digest">sha256 of <paramref name="Content"/> (checked against what was asked for and what the registry said).</param>
/// <param name="MediaType">The Content-Type the registry gave ("" when it gave none).</param>
/// <param name="Content">The bytes, as served.</param>
public sealed record RegistryManifest(string Digest, string MediaType, byte[] Content);
