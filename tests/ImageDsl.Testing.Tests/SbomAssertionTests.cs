using ImageDsl.Samples;
using ImageDsl.Testing;

namespace ImageDsl.Tests;

/// <summary><see cref="ImageUnderTest.Sbom"/>: the SPDX document a build writes, and the packages it lists.</summary>
public sealed class SbomAssertionTests
{
    private static readonly TestImageOptions Options = new() { BaseDirectory = Fixtures.RepositoryRoot };

    [Fact]
    public async Task Lists_every_installed_package_with_version_purl_and_licence()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(Options);

        // The sample packages declare MIT and the sample maintainer; the distro in the purl is os-release's ID.
        Assert.Equal(
            [
                new SbomEntry("hello-baselayout", "1.0.0-r0", "pkg:apk/imagedsl-sample/hello-baselayout@1.0.0-r0?arch=x86_64", "MIT", "Person: ImageDsl samples <samples@example.invalid>"),
                new SbomEntry("hello-world", "1.0.0-r0", "pkg:apk/imagedsl-sample/hello-world@1.0.0-r0?arch=x86_64", "MIT", "Person: ImageDsl samples <samples@example.invalid>"),
            ],
            image.Sbom.Packages);
    }

    [Fact]
    public async Task Lists_the_packages_the_database_has_and_nothing_else()
    {
        using ImageUnderTest image = await TestImage.BuildAsync(HelloServices.Configuration, Options);

        // The image, its layers and the operating system are SPDX packages too, but not installed packages.
        Assert.Equal(image.Packages.Select(p => (p.Name, p.Version)).Order(), image.Sbom.Packages.Select(p => (p.Name, p.Version)));
        Assert.Contains(image.Sbom.Packages, p => p.Name == "s6");
    }

    [Fact]
    public async Task The_document_is_the_spdx_one_a_build_writes_for_the_architecture()
    {
        using ImageUnderTest amd64 = await TestImage.BuildAsync<HelloMinimal>(Options);
        using ImageUnderTest arm64 = await TestImage.BuildAsync<HelloMinimal>(Options with { Architecture = Model.Architecture.Arm64 });

        Assert.Contains("\"spdxVersion\": \"SPDX-2.3\"", amd64.Sbom.Json);
        Assert.Contains("\"documentNamespace\": \"https://spdx.org/spdxdocs/imagedsl/", amd64.Sbom.Json);
        Assert.All(arm64.Sbom.Packages, p => Assert.EndsWith("?arch=aarch64", p.Purl));
    }
}
