using System.Text.RegularExpressions;
using ImageDsl.Apk.Archive;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Signing;

/// <summary>One `.SIGN.&lt;TYPE&gt;.&lt;keyname&gt;` entry of a signature member.</summary>
public sealed partial record SignatureEntry(SignatureType Type, string KeyName, byte[] Signature)
{
    [GeneratedRegex(@"^\.SIGN\.(DSA|RSA|RSA256|RSA512)\.(.*\.rsa\.pub)$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryName();

    /// <summary>The tar entry name this signature is stored under.</summary>
    public string EntryNameText => $".SIGN.{TypeName(Type)}.{KeyName}";

    /// <summary>Parses the tar of a signature member (the first gzip member of a signed index or package).</summary>
    public static IReadOnlyList<SignatureEntry> ParseMember(byte[] tar, string what)
    {
        var result = new List<SignatureEntry>();
        foreach (SmallTarEntry entry in SmallTarReader.Read(tar, what))
        {
            Match match = EntryName().Match(entry.Name);
            if (!match.Success)
            {
                throw new ImageDslException(ErrorKind.Integrity,
                    $"{what}: failed to find key name in signature file name '{entry.Name}'",
                    "Signature entries must be named .SIGN.RSA.<key>.rsa.pub or .SIGN.RSA256.<key>.rsa.pub.");
            }
            string keyName = match.Groups[2].Value;
            if (keyName.Contains('/'))
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{what}: signature key name '{keyName}' contains '/'",
                    "Key names are file names; this index or package is malformed.");
            }
            result.Add(new SignatureEntry(ParseType(match.Groups[1].Value), keyName, entry.Content));
        }
        return result;
    }

    /// <summary>True when the first tar entry name of a member marks it as a signature member.</summary>
    public static bool LooksLikeSignatureMember(byte[] tar) =>
        tar.Length >= 512 && tar.AsSpan(0, 6).SequenceEqual(".SIGN."u8);

    private static SignatureType ParseType(string text) => text switch
    {
        "RSA" => SignatureType.Rsa,
        "RSA256" => SignatureType.Rsa256,
        "RSA512" => SignatureType.Rsa512,
        _ => SignatureType.Dsa,
    };

    /// <summary>The name apk uses for a type.</summary>
    public static string TypeName(SignatureType type) => type switch
    {
        SignatureType.Rsa => "RSA",
        SignatureType.Rsa256 => "RSA256",
        SignatureType.Rsa512 => "RSA512",
        _ => "DSA",
    };
}
