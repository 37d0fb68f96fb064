using ImageDsl.Errors;
using ImageDsl.Oci.Base;

namespace ImageDsl.Tests.Oci;

public class BaseImageSourceTests
{
    [Theory]
    [InlineData("cgr.dev/chainguard/static:latest", "looks like a registry reference")]
    [InlineData("ghcr.io/org/base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "looks like a registry reference")]
    [InlineData("docker://alpine", "looks like a registry reference")]
    [InlineData("./no-such-layout", "does not exist")]
    [InlineData("", "is empty or not a path")]
    public void Anything_but_a_layout_folder_is_a_configuration_error_with_advice(string image, string problem)
    {
        var error = Assert.Throws<ImageDslException>(() => BaseImageSource.ResolveLayout(image));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains(problem, error.Message);
        Assert.Contains("skopeo copy", error.Hint);
    }

    [Theory]
    [InlineData("cgr.dev/chainguard/static:latest", "ref: cgr.dev/chainguard/static:latest")]
    [InlineData("docker://alpine", "ref: alpine")]
    public void A_registry_reference_in_image_says_to_write_it_as_ref(string image, string advice)
    {
        var error = Assert.Throws<ImageDslException>(() => BaseImageSource.ResolveLayout(image));
        Assert.Contains($"write `{advice}` instead of `image:`", error.Hint);
    }

    [Fact]
    public void A_folder_without_oci_layout_and_index_json_is_refused_and_an_archive_file_too()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ImageDslException>(() => BaseImageSource.ResolveLayout(dir.Path));
        Assert.Contains("is a folder but not an OCI image layout", error.Message);

        File.WriteAllText(dir.Combine("image.tar"), "not a layout");
        error = Assert.Throws<ImageDslException>(() => BaseImageSource.ResolveLayout(dir.Combine("image.tar")));
        Assert.Contains("is a file", error.Message);

        File.WriteAllText(dir.Combine("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(dir.Combine("index.json"), "{}");
        Assert.Equal(Path.GetFullPath(dir.Path), BaseImageSource.ResolveLayout(dir.Path));
    }
}
