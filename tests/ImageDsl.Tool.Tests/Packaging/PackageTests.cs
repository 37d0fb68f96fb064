using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ImageDsl.Tests.Packaging;

/// <summary>
/// `dotnet pack` makes the two packages users get, and the tool package installs and runs offline.
/// Packs with --no-build from the configuration these tests were built in (the test project builds both).
/// </summary>
[Collection(PackingCollection.Name)]
public partial class PackageTests : IClassFixture<PackageTests.Packed>
{
    private readonly Packed _packed;

    public PackageTests(Packed packed) => _packed = packed;

    [Fact]
    public void The_dsl_package_has_the_library_and_the_analyzers()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.DslPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net8.0/ImageDsl.Abstractions.dll", entries);
        Assert.Contains("lib/net8.0/ImageDsl.Abstractions.xml", entries);
        Assert.Contains("analyzers/dotnet/roslyn4.14/cs/ImageDsl.Generator.dll", entries);
        bool codeFixesExist = File.Exists(Fixtures.Repo("src", "ImageDsl.CodeFixes", "ImageDsl.CodeFixes.csproj"));
        Assert.Equal(codeFixesExist, entries.Contains("analyzers/dotnet/roslyn4.14/cs/ImageDsl.CodeFixes.dll"));
        Assert.DoesNotContain(entries, e => e.Contains("ImageDsl.Package", StringComparison.Ordinal)); // the packaging project itself
        Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal)
            && !e.StartsWith("lib/net8.0/", StringComparison.Ordinal) && !e.StartsWith("analyzers/dotnet/roslyn4.14/cs/", StringComparison.Ordinal)
            && !e.StartsWith("tools/dotnet-image/", StringComparison.Ordinal));
        // `dotnet publish -t:PublishImage`: the targets and the tool they run with `dotnet exec` (portable: no apphost, no symbols).
        Assert.Contains("build/ImageDsl.targets", entries);
        Assert.Contains("tools/dotnet-image/dotnet-image.dll", entries);
        Assert.Contains("tools/dotnet-image/dotnet-image.runtimeconfig.json", entries);
        Assert.Contains("tools/dotnet-image/dotnet-image.deps.json", entries);
        Assert.Contains("tools/dotnet-image/ImageDsl.Runtime.dll", entries);
        Assert.DoesNotContain("tools/dotnet-image/dotnet-image", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));

        XElement metadata = Nuspec(zip).Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("ImageDsl", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency"); // Roslyn comes with the compiler
    }

    [Fact]
    public void The_analyzer_folder_matches_the_roslyn_the_generator_was_compiled_against()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.DslPackage);
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)))
        {
            using var bytes = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(bytes);
            }
            bytes.Position = 0;
            using var pe = new PEReader(bytes);
            MetadataReader reader = pe.GetMetadataReader();
            Version? roslyn = reader.AssemblyReferences
                .Select(h => reader.GetAssemblyReference(h))
                .Where(r => reader.GetString(r.Name) == "Microsoft.CodeAnalysis")
                .Select(r => r.Version)
                .SingleOrDefault();
            // An assembly that uses no Roslyn type has no reference at all (the skeleton generator); any that does must fit.
            Assert.True(roslyn is null || roslyn <= new Version(4, 14, 0, 0), $"{entry.FullName} needs Roslyn {roslyn} but sits in roslyn4.14");
        }
    }

    [Fact]
    public void The_portable_tool_package_runs_dotnet_image_and_carries_no_dead_weight()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.AnyToolPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("tools/net10.0/any/dotnet-image.dll", entries);
        Assert.Contains("tools/net10.0/any/System.CommandLine.dll", entries);
        using (Stream settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open())
        {
            XElement command = XDocument.Load(settings).Descendants("Command").Single();
            Assert.Equal("dotnet-image", command.Attribute("Name")?.Value);
        }
        Assert.DoesNotContain(entries, e => e.EndsWith(".resources.dll", StringComparison.Ordinal)); // English only
        Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith(".xml", StringComparison.Ordinal)
            && !e.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.Equal("ImageDsl.Tool.any", Nuspec(zip).Descendants().Single(e => e.Name.LocalName == "id").Value);
    }

    [Fact]
    public void The_tool_installs_offline_from_the_local_folder_and_runs()
    {
        ProcessResult version = ProcessRunner.Run(_packed.InstalledTool, ["version"], timeout: TimeSpan.FromSeconds(30));
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("dotnet-image 0.", version.StandardOutput);

        ProcessResult help = ProcessRunner.Run(_packed.InstalledTool, ["--help"], timeout: TimeSpan.FromSeconds(30));
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage:\n  dotnet image <command> [options]", help.StandardOutput);
        Assert.Contains("install-keys", help.StandardOutput);
    }

    [Fact]
    public void On_path_dotnet_image_builds_the_bundled_sample()
    {
        using var work = new TempDirectory();
        string tools = Path.GetDirectoryName(_packed.InstalledTool)!;
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["XDG_CACHE_HOME"] = work.Combine("cache"),
        };
        string output = work.Combine("hello.tar");
        ProcessResult build = ProcessRunner.Run("dotnet", ["image", "build", "samples/hello/hello.yaml", "hello:latest", output, "--sbom-path", work.Path],
            workingDirectory: Fixtures.RepositoryRoot, environment: environment, timeout: TimeSpan.FromSeconds(120));
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", build.StandardOutput);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(work.Combine("sbom-index.spdx.json")));
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        using Stream stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>Packs both packages and installs the tool once for the class.</summary>
    public sealed class Packed : IDisposable
    {
        private readonly TempDirectory _temp = new("imagedsl-pack");

        public Packed()
        {
            string configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string output = _temp.Combine("nupkg");
            RepositoryPackages.Pack(Fixtures.Repo("src", "ImageDsl.Package", "ImageDsl.Package.csproj"), configuration, output);
            RepositoryPackages.Pack(Fixtures.Repo("src", "ImageDsl.Tool", "ImageDsl.Tool.csproj"), configuration, output);
            DslPackage = Directory.GetFiles(output, "ImageDsl.0.*.nupkg").Single();
            ToolPackage = Directory.GetFiles(output, "ImageDsl.Tool.0.*.nupkg").Single();
            AnyToolPackage = Directory.GetFiles(output, "ImageDsl.Tool.any.0.*.nupkg").Single();
            NativeToolPackage = Directory.GetFiles(output, $"ImageDsl.Tool.{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}.0.*.nupkg").Single();

            // Only the local folder: <clear/> drops every other source, so the install cannot touch the network.
            string config = _temp.Combine("nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{output}" />
                  </packageSources>
                </configuration>
                """);
            string tools = _temp.Combine("tools");
            Dotnet("tool", "install", "--tool-path", tools, "--add-source", output, "--configfile", config, "ImageDsl.Tool");
            InstalledTool = Path.Combine(tools, "dotnet-image");
        }

        public string DslPackage { get; }

        /// <summary>The pointer package `dotnet tool install ImageDsl.Tool` reads first.</summary>
        public string ToolPackage { get; }

        /// <summary>The framework-dependent package, for RIDs without a native one.</summary>
        public string AnyToolPackage { get; }

        /// <summary>The Native AOT package for this machine's RID (linux-x64 in CI).</summary>
        public string NativeToolPackage { get; }

        public string InstalledTool { get; }

        public void Dispose() => _temp.Dispose();

        private void Dotnet(params string[] arguments)
        {
            Dictionary<string, string?> environment = OfflineDotnet.Environment(_temp.Combine("packages"));
            ProcessResult result = ProcessRunner.Run("dotnet", arguments, workingDirectory: Fixtures.RepositoryRoot,
                environment: environment, timeout: TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)}\n{result}");
        }
    }
}
