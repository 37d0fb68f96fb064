using System.Reflection;
using ImageDsl.Generator;
using ImageDsl.Model;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Tests;

/// <summary>An image's lock file (&lt;image name&gt;.lock.json) becomes its compiled build plan, incrementally.</summary>
public class BuildPlanGeneratorTests
{
    private const string Images = """
        using ImageDsl;
        namespace Demo;
        [Image("web")] [Package("nginx")] [Arch(Arch.Amd64, Arch.Arm64)] public partial class Web;
        [Image("web-debug")] [Package("busybox")] public partial class WebDebug : Web;
        [Image("other")] [Package("busybox")] public partial class Other;
        """;

    /// <summary>A lock file in apko's v1 shape as `dotnet image lock --project` writes it (with the declared packages as config.world).</summary>
    public static string Lock(string[]? world, params (string Name, string Version, string Arch, string Url, string Checksum)[] packages) =>
        "{\n  \"version\": \"v1\",\n  \"config\": {\"name\": \"web\", \"checksum\": \"sha256-abc=\"" +
        (world is null ? "" : ", \"world\": [" + string.Join(", ", world.Select(w => $"\"{w}\"")) + "]") + "},\n" +
        "  \"contents\": {\n    \"keyring\": [],\n    \"packages\": [\n" +
        string.Join(",\n", packages.Select(p =>
            $"      {{\"name\": \"{p.Name}\", \"url\": \"{p.Url}\", \"version\": \"{p.Version}\", \"architecture\": \"{p.Arch}\", " +
            "\"signature\": {\"range\": \"\", \"checksum\": \"\"}, \"control\": {\"range\": \"bytes=0-9\", \"checksum\": \"sha1-x\"}, " +
            $"\"data\": {{\"range\": \"bytes=10-99\", \"checksum\": \"sha256-x\"}}, \"checksum\": \"{p.Checksum}\"}}")) +
        "\n    ]\n  }\n}\n";

    private static readonly string WebLock = Lock(["nginx"],
        ("wolfi-baselayout", "20230201-r7", "noarch", "https://packages.example/os/x86_64/wolfi-baselayout-20230201-r7.apk", "Q1base86="),
        ("nginx", "1.24.0-r3", "x86_64", "https://packages.example/os/x86_64/nginx-1.24.0-r3.apk", "Q1nginx86="),
        ("wolfi-baselayout", "20230201-r7", "noarch", "https://packages.example/os/aarch64/wolfi-baselayout-20230201-r7.apk", "Q1baseArm="),
        ("nginx", "1.24.0-r3", "aarch64", "https://packages.example/os/aarch64/nginx-1.24.0-r3.apk", "Q1nginxArm="));

    [Fact]
    public void The_plan_holds_the_configuration_and_the_pinned_packages_of_every_arch()
    {
        var (run, output) = Run([("web.lock.json", WebLock)], Images);

        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Contains("public static global::ImageDsl.Model.BuildPlan Plan { get; }", GeneratorHarness.Generated(run, "Demo.Web.g.cs"));
        using var assembly = InMemoryAssembly.Load(output);
        var plan = (BuildPlan)assembly.StaticProperty("Demo.Web", "Plan")!;
        Assert.Equal("web.lock.json", plan.LockFile);
        Assert.Equal("sha256-abc=", plan.ConfigurationChecksum);
        Assert.Equal(assembly.StaticProperty("Demo.Web", "Configuration"), plan.Configuration);
        Assert.Equal(
        [
            Pinned("wolfi-baselayout", "20230201-r7", "x86_64", "Q1base86="),
            Pinned("nginx", "1.24.0-r3", "x86_64", "Q1nginx86="),
        ], plan.PackagesFor("x86_64"));
        Assert.Equal(["wolfi-baselayout", "nginx"], plan.PackagesFor("aarch64").Select(p => p.Name));
        Assert.Equal("Q1nginxArm=", plan.PackagesFor("aarch64")[1].Checksum);

        // Only the image named like the lock file has a plan; a derived image does not inherit its base's.
        Assert.Null(assembly.Assembly.GetType("Demo.Other")!.GetProperty("Plan"));
        DiscoveredImage[] discovered = [.. ImageCatalog.Discover(assembly.Assembly)];
        Assert.Equal(plan, Assert.Single(discovered, i => i.Name == "web").Plan);
        Assert.Null(Assert.Single(discovered, i => i.Name == "web-debug").Plan);
        Assert.Null(Assert.Single(discovered, i => i.Name == "other").Plan);
    }

    [Fact]
    public void A_derived_image_with_a_lock_of_its_own_compiles_cleanly_and_keeps_its_own_plan()
    {
        string debugLock = Lock(["nginx", "busybox"],
            ("busybox", "1.36.1-r0", "x86_64", "https://packages.example/os/x86_64/busybox-1.36.1-r0.apk", "Q1busybox="));

        var (_, output) = Run([("web.lock.json", WebLock), ("web-debug.lock.json", debugLock)], Images);

        Assert.Empty(GeneratorHarness.Problems(output)); // no CS0108 for the Plan that hides the base's
        using var assembly = InMemoryAssembly.Load(output);
        Assert.Equal(["busybox"], ((BuildPlan)assembly.StaticProperty("Demo.WebDebug", "Plan")!).Packages.Select(p => p.Name));
        Assert.Equal(4, ((BuildPlan)assembly.StaticProperty("Demo.Web", "Plan")!).Packages.Count);
    }

    [Fact]
    public void A_lock_file_that_cannot_be_read_gives_no_plan()
    {
        var (run, output) = Run([("web.lock.json", "{ not json")], Images);

        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.DoesNotContain("Plan", GeneratorHarness.Generated(run, "Demo.Web.g.cs"));
    }

    [Fact]
    public void Editing_an_image_does_not_read_the_lock_file_again_and_leaves_the_planned_image_alone()
    {
        var lockText = new MemoryText("/p/web.lock.json", WebLock);
        CSharpCompilation first = GeneratorHarness.Compile(Images);
        GeneratorDriver driver = CreateDriver(lockText).RunGenerators(first);

        CSharpCompilation second = Replace(first, 0, Images.Replace("[Package(\"busybox\")] public partial class Other", "[Package(\"curl\")] public partial class Other"));
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.All(Outputs(run, TrackingNames.LockFiles), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.NotEmpty(Outputs(run, TrackingNames.LockFiles));
        Assert.All(Outputs(run, TrackingNames.LockIndex), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        var planned = Outputs(run, TrackingNames.PlannedImages);
        Assert.Equal(3, planned.Count);
        Assert.Single(planned, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"curl\"", GeneratorHarness.Generated(run, "Demo.Other.g.cs"));
        Assert.Contains("Q1nginx86=", GeneratorHarness.Generated(run, "Demo.Web.g.cs"));
    }

    [Fact]
    public void Editing_the_lock_file_re_emits_only_its_image()
    {
        var lockText = new MemoryText("/p/web.lock.json", WebLock);
        CSharpCompilation compilation = GeneratorHarness.Compile(Images);
        GeneratorDriver driver = CreateDriver(lockText).RunGenerators(compilation);

        var edited = new MemoryText("/p/web.lock.json", WebLock.Replace("Q1nginx86=", "Q1newer86="));
        GeneratorRunResult run = driver.ReplaceAdditionalText(lockText, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Single(Outputs(run, TrackingNames.LockFiles), o => o.Reason == IncrementalStepRunReason.Modified);
        var planned = Outputs(run, TrackingNames.PlannedImages);
        Assert.Single(planned, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(2, planned.Count(o => o.Reason == IncrementalStepRunReason.Unchanged));
        Assert.Contains("Q1newer86=", GeneratorHarness.Generated(run, "Demo.Web.g.cs"));
        Assert.Single(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static PinnedPackage Pinned(string name, string version, string arch, string checksum) =>
        new() { Name = name, Version = version, Architecture = arch, Checksum = checksum, Repository = "https://packages.example/os" };

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult run, string step) =>
        [.. run.TrackedSteps[step].SelectMany(s => s.Outputs)];

    private static GeneratorDriver CreateDriver(params AdditionalText[] texts) =>
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], texts, GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static (GeneratorRunResult Run, Compilation Output) Run((string Name, string Text)[] files, params string[] sources)
    {
        CSharpCompilation input = GeneratorHarness.Compile(sources);
        GeneratorDriver driver = CreateDriver([.. files.Select(f => (AdditionalText)new MemoryText("/p/" + f.Name, f.Text))])
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
