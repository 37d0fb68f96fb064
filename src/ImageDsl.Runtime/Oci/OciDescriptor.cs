namespace ImageDsl.Oci;

/// <summary>An OCI content descriptor: media type, digest, size, and optional platform/annotations.</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size)
{
    /// <summary>The platform (index entries only).</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>Annotations, written in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The hex part of the digest.</summary>
    public string Hex => Digest[(Digest.IndexOf(':') + 1)..];
}

/// <summary>An OCI platform (`architecture`, `os`, optional `variant`).</summary>
public sealed record OciPlatform(string Architecture, string Os, string? Variant);
