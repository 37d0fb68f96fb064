using ImageDsl.Tests.Dsl;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `dotnet image build --project` with a class declaring <c>[LayerCompression]</c>: its layers are compressed as declared
/// (the C# form of `--compression`), `--compression` on the command line wins, and a class declaring nothing keeps gzip.
/// </summary>
public sealed class DeclaredCompressionBuildTests : IDisposable
{
    private readonly TempDirectory _work = new("imagedsl-compression");
    private readonly PlanRepository _repository;

    public DeclaredCompressionBuildTests()
    {
        _repository = new PlanRepository(_work.Combine("repo"));
        _repository.Add("greeting", "1.0.0-r0");
    }

    public void Dispose()
    {
        _repository.Dispose();
        _work.Dispose();
    }

    /// <summary>The image, compiled with <paramref name="attribute"/> on its class (nothing else differs).</summary>
    private string Compile(string name, string attribute) => InMemoryImages.EmitAssembly(_work.Combine(name), $$"""
        using ImageDsl;
        namespace Compressed;
        [Image("compressed")]
        [Repository({{Literal(_repository.Root)}})]
        [Keyring({{Literal(_repository.KeyPath)}})]
        [Arch(Arch.Amd64)]
        [Package("greeting")]
        [Entrypoint("/bin/true")]
        {{attribute}}
        public partial class CompressedImage;
        """);

    [Fact]
    public async Task A_class_declaring_zstd_builds_zstd_layers_that_skopeo_copies()
    {
        string declared = Compile("declared", "[LayerCompression(Compression.Zstd, Level = 19)]");
        string plain = Compile("plain", "");

        var fromClass = await Build("--project", declared, "compressed:test", Output("class"));
        var fromFlag = await Build("--project", plain, "compressed:test", Output("flag"), "--compression", "zstd:19");

        Assert.True(fromClass.Exit == 0, fromClass.Err);
        string layer = LayoutFirstLayer.AssertZstd(Output("class"));
        // The declared level is the one used: the same bytes as the plain class built with `--compression zstd:19`.
        Assert.True(fromFlag.Exit == 0, fromFlag.Err);
        Assert.StartsWith("sha256:", fromClass.Out);
        Assert.Equal(fromFlag.Out, fromClass.Out);
        // skopeo reads the layout and copies the zstd layer as it is.
        string copied = _work.Combine("copied");
        ProcessResult copy = ProcessRunner.Run(RequiredTool.Find("skopeo", "skopeo"), ["copy", "-q", "oci:" + Output("class") + ":test", "dir:" + copied]);
        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.True(File.Exists(Path.Combine(copied, layer[7..])), "skopeo did not copy the zstd layer as is");
    }

    [Fact]
    public async Task The_command_line_compression_wins_over_the_class_and_no_declaration_keeps_gzip()
    {
        string declared = Compile("declared", "[LayerCompression(Compression.Zstd)]");
        string plain = Compile("plain", "");

        var overridden = await Build("--project", declared, "compressed:test", Output("overridden"), "--compression", "gzip");
        var fromPlain = await Build("--project", plain, "compressed:test", Output("plain"));

        Assert.True(overridden.Exit == 0, overridden.Err);
        Assert.True(fromPlain.Exit == 0, fromPlain.Err);
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", (string?)LayoutFirstLayer.Descriptor(Output("overridden"))["mediaType"]);
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", (string?)LayoutFirstLayer.Descriptor(Output("plain"))["mediaType"]);
        // `--compression gzip` is gzip at its default level, which is what an image declaring nothing gets: the same image.
        Assert.StartsWith("sha256:", fromPlain.Out);
        Assert.Equal(fromPlain.Out, overridden.Out);
    }

    private Task<(int Exit, string Out, string Err)> Build(params string[] arguments) =>
        CliRun.Run(["build", .. arguments, "--cache-dir", _work.Combine("cache"), "--sbom=false", "--vcs=false"]);

    /// <summary>An existing folder: the build writes an OCI layout there.</summary>
    private string Output(string name)
    {
        string folder = _work.Combine("out-" + name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";
}
