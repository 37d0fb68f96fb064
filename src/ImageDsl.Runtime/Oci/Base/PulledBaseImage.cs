using ImageDsl.Model;

namespace ImageDsl.Oci.Base;

/// <summary>A base image pulled from a registry: the digest its reference resolved to and each architecture's image.</summary>
/// <param name="Reference">The reference as configured, normalised (e.g. <c>127.0.0.1:5000/base:1</c>).</param>
/// <param name="Digest">The digest of what the reference names (an index, or a single manifest): what a lock pins.</param>
/// <param name="Images">Each requested architecture's image, read from the cache.</param>
public sealed record PulledBaseImage(string Reference, string Digest, IReadOnlyDictionary<Architecture, LoadedBaseImage> Images);
