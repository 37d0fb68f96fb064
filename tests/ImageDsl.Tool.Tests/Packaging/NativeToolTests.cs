using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using ImageDsl.Tests.Cli;

namespace ImageDsl.Tests.Packaging;

/// <summary>
/// `dotnet tool install ImageDsl.Tool` on linux-x64 gets the Native AOT build (README "Install"): it must be what is
/// installed, and it must do what the portable build does, byte for byte, including C# projects, which it hands to
/// the framework-dependent copy it carries.
/// </summary>
public partial class PackageTests
{
    private static readonly string Sample = Fixtures.Repo("samples", "hello", "hello.yaml");

    /// <summary>The RID `dotnet pack` makes the native package for: this machine's (linux-x64 in CI).</summary>
    private static readonly string Rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    [Fact]
    public void The_pointer_package_names_the_native_and_the_portable_packages()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.ToolPackage);
        using Stream settings = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open();
        var packages = XDocument.Load(settings).Descendants("RuntimeIdentifierPackage")
            .Select(p => (p.Attribute("RuntimeIdentifier")?.Value, p.Attribute("Id")?.Value)).ToArray();
        Assert.Equal([(Rid, $"ImageDsl.Tool.{Rid}"), ("any", "ImageDsl.Tool.any")], packages);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_native_package_holds_the_binary_and_its_managed_copy_without_symbols()
    {
        using ZipArchive zip = ZipFile.OpenRead(_packed.NativeToolPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains($"tools/any/{Rid}/dotnet-image", entries);
        Assert.Contains($"tools/any/{Rid}/managed/dotnet-image.dll", entries);
        Assert.Contains($"tools/any/{Rid}/managed/dotnet-image.runtimeconfig.json", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal) || e.EndsWith(".dbg", StringComparison.Ordinal));
        Assert.DoesNotContain($"tools/any/{Rid}/dotnet-image.dll", entries); // native: no IL beside the binary
    }

    [Fact]
    public void The_installed_tool_is_the_native_binary()
    {
        string target = Path.GetFullPath(File.ResolveLinkTarget(_packed.InstalledTool, returnFinalTarget: true)?.FullName ?? _packed.InstalledTool);
        Assert.Contains($"{Path.DirectorySeparatorChar}imagedsl.tool.{Rid}{Path.DirectorySeparatorChar}", target);
        byte[] head = new byte[4];
        using (FileStream file = File.OpenRead(target))
        {
            file.ReadExactly(head);
        }
        Assert.Equal("\u007fELF"u8.ToArray(), head);
        // A native binary is far larger than the 70 KB apphost that would start the runtime.
        Assert.True(new FileInfo(target).Length > 4_000_000, $"{target} is {new FileInfo(target).Length} bytes");
    }

    [Theory]
    [InlineData("gzip", new string[0])]
    [InlineData("zstd", new[] { "--compression", "zstd:5" })]
    [InlineData("x86_64 cyclonedx", new[] { "--arch", "x86_64", "--sbom-formats", "cyclonedx,spdx" })]
    public void The_native_tool_builds_what_the_portable_tool_builds(string name, string[] flags)
    {
        using var work = new TempDirectory();
        var outputs = new List<(string Label, string Stdout, Dictionary<string, byte[]> Files)>();
        foreach ((string label, string tool) in Tools())
        {
            string dir = work.Combine(label);
            Directory.CreateDirectory(dir);
            ProcessResult build = ProcessRunner.Run(tool,
                ["build", Sample, "hello:latest", Path.Combine(dir, "image.tar"), "--sbom-path", dir, "--cache-dir", work.Combine(label + "-cache"), .. flags],
                workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
            Assert.True(build.ExitCode == 0, $"{label} ({name}): {build}");
            outputs.Add((label, build.StandardOutput, Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes)));
        }
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", outputs[0].Stdout);
        Assert.Equal(outputs[0].Stdout, outputs[1].Stdout);
        Assert.Equal(outputs[0].Files.Keys.Order(), outputs[1].Files.Keys.Order());
        Assert.True(outputs[0].Files.Count >= 3, string.Join(", ", outputs[0].Files.Keys)); // the tar and its SBOMs
        foreach (string file in outputs[0].Files.Keys)
        {
            Assert.True(outputs[0].Files[file].AsSpan().SequenceEqual(outputs[1].Files[file]), $"{file} differs between the native and the portable tool ({name})");
        }
    }

    [Fact]
    public void The_native_tool_locks_and_builds_from_the_lock_as_the_portable_tool_does()
    {
        using var work = new TempDirectory();
        var results = new List<(string Lock, string Digest)>();
        foreach ((string label, string tool) in Tools())
        {
            string lockPath = work.Combine(label + ".lock.json");
            string cache = work.Combine(label + "-cache");
            ProcessResult locked = ProcessRunner.Run(tool, ["lock", Sample, "--output", lockPath, "--cache-dir", cache],
                workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
            Assert.True(locked.ExitCode == 0, $"{label}: {locked}");
            ProcessResult build = ProcessRunner.Run(tool,
                ["build", Sample, "hello:latest", work.Combine(label + ".tar"), "--lockfile", lockPath, "--sbom=false", "--cache-dir", cache],
                workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
            Assert.True(build.ExitCode == 0, $"{label}: {build}");
            results.Add((File.ReadAllText(lockPath), build.StandardOutput));
        }
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public void The_native_tool_hands_a_csharp_project_to_its_managed_copy()
    {
        using var work = new TempDirectory();
        var digests = new List<string>();
        foreach ((string label, string tool) in Tools())
        {
            ProcessResult build = ProcessRunner.Run(tool,
                ["build", "--project=samples/ImageDsl.Samples", "--image", "hello-minimal", "hello:latest", work.Combine(label + ".tar"),
                 "--sbom=false", "--cache-dir", work.Combine(label + "-cache")],
                workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(4));
            Assert.True(build.ExitCode == 0, $"{label}: {build}");
            Assert.Contains("hello-minimal", build.StandardError); // the project's images, as the managed copy reports them
            digests.Add(build.StandardOutput);
        }
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", digests[0]);
        Assert.Equal(digests[0], digests[1]);

        // The copy's errors and exit codes are the command's own.
        ProcessResult missing = ProcessRunner.Run(_packed.InstalledTool,
            ["show-config", "--project", "samples/ImageDsl.Samples", "--image", "no-such-image"],
            workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(4));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("declares no image 'no-such-image'", missing.StandardError);
    }

    [Fact]
    public void A_project_named_in_a_response_file_is_handed_over_too()
    {
        using var work = new TempDirectory();
        string arguments = work.Combine("args.rsp");
        File.WriteAllText(arguments, "--project\nsamples/ImageDsl.Samples\n--image\nhello-minimal\n");
        var configs = new List<string>();
        foreach ((string label, string tool) in Tools())
        {
            ProcessResult shown = ProcessRunner.Run(tool, ["show-config", "@" + arguments],
                workingDirectory: Fixtures.RepositoryRoot, timeout: TimeSpan.FromMinutes(4));
            Assert.True(shown.ExitCode == 0, $"{label}: {shown}");
            configs.Add(shown.StandardOutput);
        }
        Assert.Contains("samples/repo", configs[0]);
        Assert.Equal(configs[0], configs[1]);
    }

    [Fact]
    public async Task SIGTERM_to_the_native_tool_reaches_the_managed_copy_which_exits_130()
    {
        using var work = new TempDirectory();
        using Process process = ToolProcess.Start(
            ["build", "--project", Fixtures.Repo("samples", "ImageDsl.Samples"), "--image", "hello-minimal", "hello:latest", work.Combine("image.tar"), "--sbom=false"],
            _packed.InstalledTool);
        // "building " once the managed copy runs and is building the project.
        string stderr = await ToolProcess.SignalWhenAsync(process, "building ", 15, TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{stderr}");
        Assert.Contains("IMG1130", stderr);
        Assert.False(File.Exists(work.Combine("image.tar")));
    }

    /// <summary>The installed native tool and the portable build the tests run everywhere else.</summary>
    private IEnumerable<(string Label, string Tool)> Tools() => [("native", _packed.InstalledTool), ("portable", ToolProcess.Path)];
}
