using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ImageDsl.Oci.Registry;

/// <summary>sha256 content digests as the OCI specs write them (<c>sha256:&lt;64 lowercase hex&gt;</c>).</summary>
internal static partial class Digests
{
    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The hex part, used as the blob file name under blobs/sha256.</summary>
    public static string Hex(string digest) => digest["sha256:".Length..];

    /// <summary>A short form for logs: the first 12 hex digits.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Pattern();
}
