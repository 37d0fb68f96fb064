using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine", "index.docker.io", "library/alpine", "latest", null)]
    [InlineData("docker.io/alpine:3.20", "index.docker.io", "library/alpine", "3.20", null)]
    [InlineData("chainguard/static", "index.docker.io", "chainguard/static", "latest", null)]
    [InlineData("ghcr.io/acme/app:v1.2", "ghcr.io", "acme/app", "v1.2", null)]
    [InlineData("127.0.0.1:5000/test/busybox:1", "127.0.0.1:5000", "test/busybox", "1", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("[::1]:5000/a/b:c", "[::1]:5000", "a/b", "c", null)]
    [InlineData("Registry.Example.COM/x/y", "registry.example.com", "x/y", "latest", null)]
    [InlineData("ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "acme/app", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/acme/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "acme/app", "1", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("a.io/my_team/my-app__x.y", "a.io", "my_team/my-app__x.y", "latest", null)]
    public void Parses_and_normalises(string text, string registry, string repository, string? tag, string? digest)
    {
        ImageReference reference = ImageReference.Parse(text);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ghcr.io/Acme/app", "must be lowercase")]
    [InlineData("https://ghcr.io/acme/app", "leave out the scheme")]
    [InlineData("ghcr.io/acme/app:-bad", "the tag '-bad' is not valid")]
    [InlineData("ghcr.io/acme/app@sha256:abc", "is not sha256:<64 lowercase hex digits>")]
    [InlineData("ghcr.io/acme//app", "is not valid")]
    [InlineData("ghcr.io/acme/app-", "is not valid")]
    [InlineData("ghcr.io/", "repository name is missing")]
    [InlineData("bad_host.io:x/app", "not a valid host")]
    [InlineData("ghcr.io/a b", "whitespace")]
    public void Rejects_bad_references_saying_why(string text, string expected)
    {
        var error = Assert.Throws<ImageDslException>(() => ImageReference.Parse(text));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.Contains("host[:port]/repository", error.Hint);
    }

    [Fact]
    public void Formats_back_and_pins_digests()
    {
        ImageReference reference = ImageReference.Parse("127.0.0.1:5000/test/app:v1");
        Assert.Equal("127.0.0.1:5000/test/app:v1", reference.ToString());
        string digest = "sha256:" + new string('a', 64);
        Assert.Equal($"127.0.0.1:5000/test/app@{digest}", reference.WithDigest(digest).ToString());
        Assert.Equal("127.0.0.1:5000/test/app:v2", reference.WithTag("v2").ToString());
        Assert.Equal(ImageReference.Parse("alpine"), ImageReference.Parse("index.docker.io/library/alpine:latest"));
    }
}
