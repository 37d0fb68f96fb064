using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Sbom;

namespace ImageDsl.Tests.Sbom;

/// <summary>
/// `*.deps.json` in a local content package: what a real publish lists becomes NuGet packages with their
/// dependency graph; a hostile file is a clear error naming it and the package, or is bounded.
/// </summary>
public class DepsJsonReaderTests
{
    private const string Package = "myapp";

    private static readonly string SelfContained = Fixtures.Repo("tests", "ImageDsl.Runtime.Tests", "Sbom", "DepsJson", "DepsApp.self-contained.deps.json");

    private static (FileTree Tree, List<SbomFile> Files) Tree(params (string Path, byte[] Content)[] files)
    {
        var tree = new FileTree();
        var listed = new List<SbomFile>();
        foreach ((string path, byte[] content) in files)
        {
            tree.MkdirAll(Path.GetDirectoryName(path)!);
            tree.WriteFile(path, content).Package = Package;
            listed.Add(new SbomFile(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(content))));
        }
        return (tree, listed);
    }

    private static NuGetDependencies? Read(params (string Path, byte[] Content)[] files)
    {
        var (tree, listed) = Tree(files);
        return DepsJsonReader.Read(tree, Package, listed);
    }

    private static ImageDslException Fails(string json) => Fails(Encoding.UTF8.GetBytes(json));

    private static ImageDslException Fails(byte[] json)
    {
        var error = Assert.Throws<ImageDslException>(() => Read(("/app/App.deps.json", json)));
        Assert.Equal(ErrorKind.Build, error.Kind);
        Assert.Contains("/app/App.deps.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'myapp'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        return error;
    }

    private static string Libraries(string libraries, string targets = "{}") =>
        $$"""{"runtimeTarget":{"name":"t"},"targets":{"t":{{targets}}},"libraries":{{libraries}}}""";

    [Fact]
    public void A_real_self_contained_publish_lists_its_packages_the_runtime_pack_and_the_graph()
    {
        NuGetDependencies deps = Read(("/app/DepsApp.deps.json", File.ReadAllBytes(SelfContained)))!;

        Assert.Equal(["/app/DepsApp.deps.json"], deps.DepsFiles);
        Assert.Equal(
        [
            "Microsoft.Extensions.DependencyInjection/6.0.0", "Microsoft.Extensions.DependencyInjection.Abstractions/6.0.0",
            "Microsoft.Extensions.Logging/6.0.0", "Microsoft.Extensions.Logging.Abstractions/6.0.0", "Microsoft.Extensions.Options/6.0.0",
            "Microsoft.Extensions.Primitives/6.0.0", "Microsoft.NETCore.App.Runtime.linux-x64/10.0.12", "YamlDotNet/18.1.0",
        ], deps.Libraries.Select(l => l.Key));
        // The project (the app itself) is not a NuGet package; what it references is what the app depends on.
        Assert.Equal(["Microsoft.Extensions.Logging/6.0.0", "Microsoft.NETCore.App.Runtime.linux-x64/10.0.12", "YamlDotNet/18.1.0"], deps.Direct);

        NuGetLibrary logging = deps.Libraries.Single(l => l.Name == "Microsoft.Extensions.Logging");
        Assert.Equal(
            ["Microsoft.Extensions.DependencyInjection/6.0.0", "Microsoft.Extensions.DependencyInjection.Abstractions/6.0.0",
             "Microsoft.Extensions.Logging.Abstractions/6.0.0", "Microsoft.Extensions.Options/6.0.0"], logging.DependsOn);
        Assert.Equal("pkg:nuget/Microsoft.Extensions.Logging@6.0.0", logging.Purl);
        // sha512-<base64> becomes hex: the same 64 bytes.
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(
            "eIbyj40QDg1NDz0HBW0S5f3wrLVnKWnDJ/JtZ+yJDFnDj90VoPuoPmFkeaXrtu+0cKm5GRAwoDf+dBWXK0TUdg==")), logging.Sha512);
        Assert.Equal(["/app/DepsApp.deps.json"], logging.DepsFiles);

        NuGetLibrary runtime = deps.Libraries.Single(l => l.Type == "runtimepack");
        Assert.Equal("pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.12", runtime.Purl);
        Assert.Null(runtime.Sha512); // the deps file gives an empty sha512 for it
    }

    [Fact]
    public void A_package_without_a_deps_file_has_no_nuget_dependencies()
    {
        Assert.Null(Read(("/app/App.dll", [1, 2, 3]), ("/app/App.runtimeconfig.json", "{}"u8.ToArray()), ("/app/.deps.json", "x"u8.ToArray())));
    }

    [Fact]
    public void Two_apps_in_one_package_are_merged_and_a_package_nothing_references_hangs_off_the_app()
    {
        string first = Libraries("""{"A/1.0.0":{"type":"project"},"Lib/2.0.0":{"type":"package","sha512":""}}""",
            """{"A/1.0.0":{"dependencies":{"Lib":"2.0.0"}},"Lib/2.0.0":{}}""");
        string second = Libraries("""{"B/1.0.0":{"type":"project"},"lib/2.0.0":{"type":"package"},"Orphan/1.0.0-beta.1+build.5":{"type":"package"}}""");

        NuGetDependencies deps = Read(("/b/B.deps.json", Encoding.UTF8.GetBytes(second)), ("/a/A.deps.json", Encoding.UTF8.GetBytes(first)))!;

        Assert.Equal(["/a/A.deps.json", "/b/B.deps.json"], deps.DepsFiles);
        // NuGet ids are case-insensitive: one library, spelt as the first file (in path order) spells it.
        Assert.Equal(["Lib/2.0.0", "Orphan/1.0.0-beta.1+build.5"], deps.Libraries.Select(l => l.Key));
        Assert.Equal(["/a/A.deps.json", "/b/B.deps.json"], deps.Libraries[0].DepsFiles);
        Assert.Equal(["Lib/2.0.0", "Orphan/1.0.0-beta.1+build.5"], deps.Direct);
        Assert.Equal("pkg:nuget/Orphan@1.0.0-beta.1%2Bbuild.5", deps.Libraries[1].Purl);
    }

    [Theory]
    [InlineData("someone-else")]
    [InlineData(null)] // written by a later step, not by an installer
    public void A_file_the_package_no_longer_owns_is_not_read(string? owner)
    {
        var (tree, files) = Tree(("/app/App.deps.json", "not json"u8.ToArray()));
        tree.Get("/app/App.deps.json").Package = owner;
        Assert.Null(DepsJsonReader.Read(tree, Package, files));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"libraries":{"A/1":{"type":"package"}} // comment""", "not valid JSON")]
    [InlineData("""{"libraries":{"A/1":{"type":"package"},}}""", "not valid JSON")]
    [InlineData("""{"libraries":{"A/1":{"type":"package"}},"libraries":{}}""", "not valid JSON")]
    [InlineData("""{"targets":{}}""", "no `libraries` object")]
    [InlineData("""{"libraries":{"A":{"type":"package"}}}""", "is not named `name/version`")]
    [InlineData("""{"libraries":{"../../etc/passwd/1.0":{"type":"package"}}}""", "is not named `name/version`")]
    [InlineData("""{"libraries":{"A/1":{}}}""", "has no `type`")]
    [InlineData("""{"libraries":{"A/1":[]}}""", "is not an object")]
    [InlineData("""{"libraries":{"A/1":{"type":7}}}""", "`type` that is not a string")]
    [InlineData("""{"libraries":{"a b/1.0":{"type":"package"}}}""", "a name NuGet does not allow")]
    [InlineData("""{"libraries":{"A\n/1.0":{"type":"package"}}}""", "a name NuGet does not allow")]
    [InlineData("""{"libraries":{"A/1.0\n":{"type":"package"}}}""", "a version NuGet does not allow")]
    [InlineData("""{"libraries":{"A/latest":{"type":"package"}}}""", "a version NuGet does not allow")]
    [InlineData("""{"libraries":{"A/1.0":{"type":"package","sha512":"md5-AAAA"}}}""", "`sha512` that is not")]
    [InlineData("""{"libraries":{"A/1.0":{"type":"package","sha512":"sha512-AAAA"}}}""", "`sha512` that is not")]
    [InlineData("""{"libraries":{},"targets":[]}""", "`targets` is not an object")]
    [InlineData("""{"libraries":{},"targets":{"t":{"A/1":{"dependencies":{"B":1}}}}}""", "has no version string")]
    public void A_malformed_deps_file_is_an_error_naming_the_file_and_the_package(string json, string expected)
    {
        Assert.Contains(expected, Fails(json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_valid_utf8_is_an_error_not_a_crash()
    {
        // fuzz/deps-json: a raw 0xE1 byte in a string made JsonElement.GetString throw InvalidOperationException.
        byte[] rawInValue = [.. "{\"libraries\":{},\"targets\":{\"t\":{\"A/1\":{\"dependencies\":{\"B\":\"1"u8, 0xE1, .. "\"}}}}}"u8];
        byte[] rawInName = [.. "{\"libraries\":{\"A"u8, 0xE1, .. "/1.0\":{\"type\":\"package\"}}}"u8];
        foreach (byte[] json in new[] { rawInValue, rawInName, "{\"libraries\":{\"A\\ud800/1.0\":{\"type\":\"package\"}}}"u8.ToArray() })
        {
            Assert.Contains("not valid UTF-8", Fails(json).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_name_longer_than_nuget_allows_is_refused()
    {
        Assert.Contains("a name NuGet does not allow", Fails(Libraries("{\"" + new string('a', 101) + "/1.0\":{\"type\":\"package\"}}")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_costs_anything()
    {
        string deep = """{"libraries":{},"x":""" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Contains("not valid JSON", Fails(deep).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_deps_files_than_the_bound_are_refused_before_any_is_read()
    {
        var files = Enumerable.Range(0, DepsJsonReader.MaxFiles + 1).Select(i => ($"/app/p{i}/P.deps.json", "not json"u8.ToArray())).ToArray();
        var error = Assert.Throws<ImageDslException>(() => Read(files));
        Assert.Contains($"has {DepsJsonReader.MaxFiles + 1} .NET dependency files", error.Message, StringComparison.Ordinal);
        Assert.Contains("'myapp'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_libraries_than_any_app_has_are_refused()
    {
        string many = "{" + string.Join(",", Enumerable.Range(0, DepsJsonReader.MaxLibraries + 1).Select(i => $"\"P{i}/1.0\":{{\"type\":\"package\"}}")) + "}";
        Assert.Contains($"more than {DepsJsonReader.MaxLibraries} NuGet packages", Fails(Libraries(many)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_dependency_edges_than_any_app_has_are_refused()
    {
        // 400 libraries each depending on all the others: 159,600 edges in a 10 MB file.
        var names = Enumerable.Range(0, 400).Select(i => $"P{i}").ToList();
        string libraries = "{" + string.Join(",", names.Select(n => $"\"{n}/1.0\":{{\"type\":\"package\"}}")) + "}";
        string everyOther = string.Join(",", names.Select(n => $"\"{n}\":\"1.0\""));
        string targets = "{" + string.Join(",", names.Select(n => $"\"{n}/1.0\":{{\"dependencies\":{{{everyOther}}}}}")) + "}";
        Assert.Contains($"or {DepsJsonReader.MaxEdges} dependencies", Fails(Libraries(libraries, targets)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_without_being_read()
    {
        var tree = new FileTree();
        tree.MkdirAll("/app");
        bool opened = false;
        tree.CreateFile("/app/App.deps.json", FileContent.FromSource(DepsJsonReader.MaxFileSize + 1, () =>
        {
            opened = true;
            return new MemoryStream();
        })).Package = Package;

        var error = Assert.Throws<ImageDslException>(() => DepsJsonReader.Read(tree, Package, [new SbomFile("/app/App.deps.json", new string('0', 40))]));

        Assert.Contains("/app/App.deps.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 16 MiB", error.Message, StringComparison.Ordinal);
        Assert.False(opened);
    }

    [Fact]
    public void Content_that_yields_more_than_it_declared_is_cut_off_at_the_bound()
    {
        var tree = new FileTree();
        tree.MkdirAll("/app");
        tree.CreateFile("/app/App.deps.json", FileContent.FromSource(10, () => new EndlessStream())).Package = Package;

        var error = Assert.Throws<ImageDslException>(() => DepsJsonReader.Read(tree, Package, [new SbomFile("/app/App.deps.json", new string('0', 40))]));

        Assert.Contains("larger than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
