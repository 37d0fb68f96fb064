using System.Reflection;
using ImageDsl.Testing;

namespace ImageDsl.Tests;

/// <summary>
/// <see cref="TestImage.BuildAsync{TImage}"/> builds a class with its <c>[LayerCompression]</c>, as `dotnet image build
/// --project` does (so the test sees the image's own digest), and reads its zstd layers.
/// </summary>
public sealed class DeclaredCompressionTests
{
    private static readonly string Sample = File.ReadAllText(Fixtures.Repo("samples", "ImageDsl.Samples", "HelloMinimal.cs"));

    private static readonly TestImageOptions Options = new() { BaseDirectory = Fixtures.RepositoryRoot };

    [Fact]
    public async Task A_class_declaring_zstd_is_built_with_zstd_layers_and_read_back()
    {
        const string Entrypoint = "[Entrypoint(\"/usr/bin/hello\")]";
        Assert.Contains(Entrypoint, Sample);

        using ImageUnderTest gzip = await Build(Sample);
        using ImageUnderTest zstd = await Build(Sample.Replace(Entrypoint, Entrypoint + " [LayerCompression(Compression.Zstd)]", StringComparison.Ordinal));

        // The same declaration and files; only the layer bytes (so the digest) differ.
        ImageFile hello = zstd.File("/usr/bin/hello") ?? throw new Xunit.Sdk.XunitException("/usr/bin/hello is missing from the zstd image");
        Assert.Equal(gzip.File("/usr/bin/hello")!.Content, hello.Content);
        Assert.Equal(gzip.Paths, zstd.Paths);
        Assert.Equal(["/usr/bin/hello"], zstd.Config.Entrypoint);
        Assert.NotEqual(gzip.Digest, zstd.Digest);
    }

    /// <summary>Compiles the sample image class as changed and builds it with <c>TestImage.BuildAsync&lt;T&gt;</c>.</summary>
    private static async Task<ImageUnderTest> Build(string helloMinimal)
    {
        Assembly compiled = ChangedImageTests.Compile(false,
            ("HelloMinimal.cs", helloMinimal),
            ("SampleRepository.cs", File.ReadAllText(Fixtures.Repo("samples", "ImageDsl.Samples", "SampleRepository.cs"))));
        Type image = compiled.GetType("ImageDsl.Samples.HelloMinimal", throwOnError: true)!;
        MethodInfo build = typeof(TestImage).GetMethods().Single(m => m.Name == nameof(TestImage.BuildAsync) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(image);
        return await (Task<ImageUnderTest>)build.Invoke(null, [Options, CancellationToken.None])!;
    }
}
