using ImageDsl.Build;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Build;

/// <summary>The build-local repository never writes outside its folder, even for an unvalidated configuration.</summary>
public sealed class LocalContentRepositoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("imagedsl-local-repo");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("../../evil", "1.0-r0")]
    [InlineData("a", "1.0/../../x")]
    [InlineData(".hidden", "1.0-r0")]
    public void A_name_or_version_that_would_leave_the_repository_is_refused(string name, string version)
    {
        Directory.CreateDirectory(_dir.Combine("content"));
        var configuration = new ImageConfiguration
        {
            Contents = new ImageContents { Local = [new LocalContent { Path = _dir.Combine("content"), Name = name, Version = version }] },
        };

        var error = Assert.Throws<ImageDslException>(() =>
            LocalContentRepository.CreateIn(configuration, [Architecture.Amd64], _dir.Combine("out"), 0));

        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.apk", SearchOption.AllDirectories));
    }
}
