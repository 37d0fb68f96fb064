using System.Text;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Base;

namespace ImageDsl.Tests.Oci;

/// <summary>Which entry of a pulled index a build on a registry base image takes for each architecture.</summary>
public class IndexPlatformsTests
{
    private static string Digest(char c) => "sha256:" + new string(c, 64);

    private static readonly byte[] Index = Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('a')}}}","size":1,"platform":{"os":"unknown","architecture":"unknown"}},
          {"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{Digest('b')}}}","size":1,"platform":{"os":"linux","architecture":"amd64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('c')}}}","size":1,"platform":{"os":"linux","architecture":"amd64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('d')}}}","size":1,"platform":{"os":"windows","architecture":"arm64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('e')}}}","size":1,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('f')}}}","size":1,"platform":{"os":"linux","architecture":"arm","variant":"v6"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest('0')}}}","size":1,"platform":{"os":"linux","architecture":"arm","variant":"v7"}}
        ]}
        """);

    [Theory]
    [InlineData("amd64", 'c')] // not the nested index listed first
    [InlineData("arm64", 'e')] // any variant for arm64; not the windows entry
    [InlineData("arm/v6", 'f')]
    [InlineData("arm/v7", '0')]
    public void Each_architecture_takes_its_linux_image_manifest(string arch, char digest)
    {
        Assert.True(IndexPlatforms.IsIndex(Index));
        Assert.Equal(Digest(digest), IndexPlatforms.Choose(Index, Digest('9'), Architecture.Parse(arch), "r/base:1"));
    }

    [Fact]
    public void An_architecture_the_index_lacks_is_a_usage_error_listing_what_it_has()
    {
        var error = Assert.Throws<ImageDslException>(() => IndexPlatforms.Choose(Index, Digest('9'), Architecture.Parse("riscv64"), "r/base:1"));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains("the base image r/base:1 has no image for riscv64 (it has: unknown/unknown, linux/amd64, windows/arm64, linux/arm64/v8, linux/arm/v6, linux/arm/v7)", error.Message);
    }

    [Theory]
    [InlineData("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}", "has no 'manifests' list")]
    [InlineData("[1,2]", "is not a JSON object")]
    [InlineData("{not json", "is not valid JSON")]
    public void A_malformed_index_is_an_integrity_error(string json, string message)
    {
        var error = Assert.Throws<ImageDslException>(() => IndexPlatforms.Choose(Encoding.UTF8.GetBytes(json), Digest('9'), Architecture.Parse("amd64"), "r/base:1"));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_single_manifest_is_not_an_index()
    {
        Assert.False(IndexPlatforms.IsIndex(Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}")));
    }
}
