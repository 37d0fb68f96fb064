using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Minimised inputs of crashes the fuzzer found (fuzz/, docs/reliability.md): each used to escape as a
/// raw .NET exception and must now be a clean error (or be read as absent).
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-fuzz-regressions");

    public void Dispose() => _temp.Dispose();

    /// <summary>One 512-byte ustar header with the given octal fields and a correct checksum (unless given).</summary>
    private static byte[] TarHeader(string name, string size, string? checksum = null)
    {
        byte[] header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644").CopyTo(header, 100);
        Encoding.ASCII.GetBytes(size).CopyTo(header, 124);
        header[156] = (byte)'0';
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("        ").CopyTo(header, 148);
        int sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(checksum ?? Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    [Fact]
    public void A_signed_tar_checksum_field_is_a_checksum_mismatch_not_an_argument_exception()
    {
        // fuzz/apk mode 3: Convert.ToInt64("-1", 8) threw ArgumentException.
        var error = Assert.Throws<ImageDslException>(() => SmallTarReader.Read(TarHeader(".PKGINFO", "00000000000", checksum: "-1"), "control.tar"));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Equal("control.tar: tar header checksum mismatch at offset 0", error.Message);
    }

    [Fact]
    public void A_signed_tar_size_field_is_a_malformed_number()
    {
        var error = Assert.Throws<ImageDslException>(() => SmallTarReader.Read(TarHeader(".PKGINFO", "-0000000001"), "control.tar"));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Equal("control.tar: a tar header holds a malformed number at offset 0", error.Message);
    }

    [Fact]
    public void A_pax_record_shorter_than_its_own_length_field_is_an_integrity_error_not_a_crash()
    {
        // "1 x": the length (1) does not even cover "1 ", so the value length came out negative once.
        var error = Assert.Throws<ImageDslException>(() => SmallTarReader.ParsePax("1 x"u8.ToArray(), "control.tar"));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Equal("control.tar: a PAX extended header record is malformed", error.Message);
        Assert.Equal([new("path", "a")], SmallTarReader.ParsePax("10 path=a\n"u8.ToArray(), "control.tar"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"token\"")]
    [InlineData("{\"token\":\"\\ud800\"}")]
    public void A_token_answer_that_is_not_an_object_with_a_token_is_a_network_error(string body)
    {
        // fuzz/registry-json mode 1: JsonElement.TryGetProperty on an array threw InvalidOperationException.
        var error = Assert.Throws<ImageDslException>(() => RegistryAuthenticator.ParseToken(body, new Uri("https://auth.test/token")));
        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Equal("the token server https://auth.test/token answered without a token in JSON", error.Message);
    }

    [Fact]
    public void A_token_lifetime_that_is_not_a_number_means_the_default()
    {
        // fuzz/registry-json: TryGetInt32 on a string threw InvalidOperationException.
        Assert.Equal(("abc", 60), RegistryAuthenticator.ParseToken("{\"token\":\"abc\",\"expires_in\":\"300\"}", new Uri("https://auth.test/token")));
        Assert.Equal(("abc", 300), RegistryAuthenticator.ParseToken("{\"token\":\"abc\",\"expires_in\":300}", new Uri("https://auth.test/token")));
    }

    [Theory]
    [InlineData("{\"manifests\":[1]}", "has a descriptor whose digest '' is not sha256:<64 hex>")]
    [InlineData("{\"manifests\":[{\"digest\":\"sha256:" + Hex64 + "\",\"size\":\"12\"}]}", "the descriptor of sha256:" + Hex64 + " has no valid size")]
    [InlineData("{\"manifests\":[{\"digest\":7,\"size\":1}]}", "has a descriptor whose digest '' is not sha256:<64 hex>")]
    [InlineData("{\"manifests\":[{\"mediaType\":5,\"digest\":\"sha256:" + Hex64 + "\",\"size\":1}]}", "the layout has no blob sha256:" + Hex64)]
    public void Layout_json_of_the_wrong_shape_is_an_integrity_error(string indexJson, string expected)
    {
        // fuzz/layout: GetString/TryGetInt64/TryGetProperty on elements of another kind threw InvalidOperationException.
        var error = Assert.Throws<ImageDslException>(() => LoadLayout(Encoding.UTF8.GetBytes(indexJson)));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_media_type_that_is_not_valid_utf8_reads_as_absent()
    {
        // fuzz/layout: a raw 0xE6 byte inside a JSON string made GetString throw InvalidOperationException.
        byte[] index = [.. "{\"manifests\":[{\"mediaType\":\""u8, 0xE6, .. "\",\"digest\":\"sha256:"u8, .. Encoding.ASCII.GetBytes(Hex64), .. "\",\"size\":1}]}"u8];
        var error = Assert.Throws<ImageDslException>(() => LoadLayout(index));
        Assert.Contains("the layout has no blob sha256:" + Hex64, error.Message);
    }

    private const string Hex64 = "0000000000000000000000000000000000000000000000000000000000000000";

    private void LoadLayout(byte[] indexJson)
    {
        string dir = _temp.Combine("layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllBytes(Path.Combine(dir, "index.json"), indexJson);
        LayoutContent.Load(dir, entry: null);
    }
}
