using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImageDsl.Tests.Packaging;

/// <summary>
/// `dotnet pack` makes the ImageDsl.Testing package, and a new test project that restores ImageDsl and
/// ImageDsl.Testing from a local folder (offline) compiles and passes docs/testing-images.md's example.
/// Packs with --no-build from the configuration these tests were built in (this project builds both).
/// </summary>
public sealed class TestingPackageTests : IClassFixture<TestingPackageTests.Packed>
{
    private readonly Packed _packed;

    public TestingPackageTests(Packed packed) => _packed = packed;

    [Fact]
    public void Carries_the_library_and_the_engine_it_runs_on()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.TestingPackage);
        string[] files = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        // The attributes and model (ImageDsl.Abstractions) come from the ImageDsl package, not from here.
        Assert.Equal(
            ["lib/net10.0/ImageDsl.Runtime.dll", "lib/net10.0/ImageDsl.Runtime.xml", "lib/net10.0/ImageDsl.Testing.dll", "lib/net10.0/ImageDsl.Testing.xml"],
            files);
        Assert.NotNull(zip.GetEntry("PACKAGE.md"));
    }

    [Fact]
    public void Depends_on_ImageDsl_and_on_every_package_the_engine_uses()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.TestingPackage);
        XElement metadata = Nuspec(zip).Elements().Single(e => e.Name.LocalName == "metadata");
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

        string version = (string)metadata.Elements().Single(e => e.Name.LocalName == "version");
        var expected = new Dictionary<string, string> { ["ImageDsl"] = version };
        // The engine's own package references, at the central versions: a reference added to ImageDsl.Runtime
        // and not to ImageDsl.Testing would be missing at run time in users' test projects.
        XDocument runtime = XDocument.Load(Fixtures.Repo("src", "ImageDsl.Runtime", "ImageDsl.Runtime.csproj"));
        XDocument central = XDocument.Load(Fixtures.Repo("Directory.Packages.props"));
        foreach (string id in runtime.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!))
        {
            expected[id] = (string)central.Descendants("PackageVersion").Single(v => (string?)v.Attribute("Include") == id).Attribute("Version")!;
        }
        Assert.Equal(expected.OrderBy(d => d.Key), dependencies.OrderBy(d => d.Key));
        Assert.Equal("ImageDsl.Testing", (string)metadata.Elements().Single(e => e.Name.LocalName == "id"));
    }

    [Fact]
    public void A_new_test_project_restores_both_packages_offline_and_passes_the_documented_tests()
    {
        ProcessResult test = _packed.TestDocsExample();

        Assert.True(test.ExitCode == 0, test.ToString());
        int facts = Regex.Matches(DocsExample.TestFile, @"\[Fact\]").Count;
        Assert.Matches($@"Failed:\s+0, Passed:\s+{facts}, Skipped:\s+0, Total:\s+{facts}", test.StandardOutput);
        // Restored into the project's private package folder, which only the local feed can have filled.
        Assert.True(Directory.Exists(Path.Combine(_packed.PackagesFolder, "imagedsl.testing")));
        Assert.True(Directory.Exists(Path.Combine(_packed.PackagesFolder, "imagedsl")));
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        using Stream stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>Packs ImageDsl and ImageDsl.Testing once for the class into a temporary local feed.</summary>
    public sealed class Packed : IDisposable
    {
        private readonly TempDirectory _temp = new("imagedsl-testing-pack");
        private readonly string _configuration;

        public Packed()
        {
            _configuration = typeof(TestingPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            Feed = _temp.Combine("feed");
            RepositoryPackages.Pack(Fixtures.Repo("src", "ImageDsl.Package", "ImageDsl.Package.csproj"), _configuration, Feed);
            RepositoryPackages.Pack(Fixtures.Repo("src", "ImageDsl.Testing", "ImageDsl.Testing.csproj"), _configuration, Feed);
            TestingPackage = Directory.GetFiles(Feed, "ImageDsl.Testing.0.*.nupkg").Single();
        }

        public string Feed { get; }

        public string TestingPackage { get; }

        /// <summary>The new project's private NuGet package folder.</summary>
        public string PackagesFolder => _temp.Combine("packages");

        /// <summary>
        /// Lays out a new repository (samples/repo and samples/keys, the image classes, the docs' project and
        /// test file) and runs `dotnet test` in it. Packages come from the local feed (ImageDsl*) and from
        /// the machine's NuGet folder (xunit and the engine's dependencies): no network.
        /// </summary>
        public ProcessResult TestDocsExample()
        {
            string root = _temp.Combine("new-repo");
            CopyDirectory(Fixtures.Repo("samples", "repo"), Path.Combine(root, "samples", "repo"));
            CopyDirectory(Fixtures.Repo("samples", "keys"), Path.Combine(root, "samples", "keys"));
            string project = Path.Combine(root, "tests", "MyImages.Tests");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "MyImages.Tests.csproj"), DocsExample.ProjectFile);
            File.WriteAllText(Path.Combine(project, "HelloMinimalTests.cs"), DocsExample.TestFile);
            // The image classes, as docs/testing-images.md says: the samples' own files.
            foreach (string file in new[] { "HelloMinimal.cs", "SampleRepository.cs", "packages.catalog" })
            {
                File.Copy(Fixtures.Repo("samples", "ImageDsl.Samples", file), Path.Combine(project, file));
            }
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="imagedsl" value="{Feed}" />
                    <add key="machine" value="{MachinePackages()}" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="imagedsl">
                      <package pattern="ImageDsl" />
                      <package pattern="ImageDsl.*" />
                    </packageSource>
                    <packageSource key="machine">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            return Dotnet(project, TimeSpan.FromMinutes(15), "test", "-c", _configuration);
        }

        public void Dispose() => _temp.Dispose();

        /// <summary>The machine's global NuGet folder, a local feed of everything the repository restored.</summary>
        private static string MachinePackages() =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
                ? folder
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        private static void CopyDirectory(string from, string to)
        {
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, params string[] arguments)
        {
            Dictionary<string, string?> environment = OfflineDotnet.Environment(PackagesFolder);
            return ProcessRunner.Run("dotnet", arguments, workingDirectory: workingDirectory, environment: environment, timeout: timeout);
        }
    }
}
