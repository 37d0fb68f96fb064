using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tests.Support;

namespace ImageDsl.Tests;

/// <summary>
/// <c>[Include(typeof(Fragment))]</c> merges like apko's <c>include:</c>: the generated model equals
/// the one the YAML loader builds from the same declarations written as a chain of included files.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imagedsl-composition-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fragments_merge_like_a_chain_of_apko_includes()
    {
        using var assembly = InMemoryAssembly.Load(GeneratorHarness.Run(Samples.Composition).Output);
        var web = (ImageConfiguration?)assembly.StaticProperty("Demo.Web", "Configuration");

        // Web : Wolfi with [Include(NonRootUser)] [Include(Hardened)], Hardened including NonRootUser again:
        // Wolfi under NonRootUser under Hardened under Web, NonRootUser applied once.
        File.WriteAllText(Path.Combine(_dir, "wolfi.yaml"), """
            contents:
              repositories: [https://packages.wolfi.dev/os]
              keyring: [https://packages.wolfi.dev/os/wolfi-signing.rsa.pub]
            archs: [amd64]
            """);
        File.WriteAllText(Path.Combine(_dir, "nonroot.yaml"), """
            include: wolfi.yaml
            accounts:
              run-as: nonroot
              users: [{username: nonroot, uid: 65532}]
              groups: [{groupname: nonroot, gid: 65532, members: [nonroot]}]
            environment: {HOME: /home/nonroot}
            """);
        File.WriteAllText(Path.Combine(_dir, "hardened.yaml"), """
            include: nonroot.yaml
            contents:
              packages: [ca-certificates-bundle, tzdata]
            environment: {TZ: UTC}
            paths: [{path: /tmp, type: directory, permissions: 0o1777}]
            """);
        File.WriteAllText(Path.Combine(_dir, "web.yaml"), """
            include: hardened.yaml
            contents:
              packages: [nginx]
            environment: {TZ: Europe/Paris}
            entrypoint: {command: /usr/sbin/nginx}
            """);
        ImageConfiguration yaml = ConfigurationLoader.Load("web.yaml", new ConfigurationLoadOptions { WorkingDirectory = _dir }).Configuration;

        Assert.NotNull(web);
        // The loader derives apko's values (/home/<user>); the generated model says only what was declared.
        Assert.Equal(yaml with { Include = null }, ConfigurationDeriver.Derive(web!));
        Assert.Equal(["ca-certificates-bundle", "tzdata", "nginx"], web!.Contents.Packages);
        Assert.Equal("Europe/Paris", web.Environment["TZ"]);
        Assert.Single(web.Accounts!.Users);
    }

    [Fact]
    public void Included_fragments_come_between_the_base_class_and_the_image()
    {
        using var assembly = InMemoryAssembly.Load(GeneratorHarness.Run(Samples.Composition).Output);
        var worker = (ImageConfiguration?)assembly.StaticProperty("Demo.Worker", "Configuration");

        Assert.NotNull(worker);
        Assert.Equal(["ca-certificates-bundle", "tzdata", "busybox"], worker!.Contents.Packages);
        Assert.Equal(["https://packages.wolfi.dev/os"], worker.Contents.Repositories);
        Assert.Equal([Architecture.Amd64], worker.Archs);
        Assert.Equal("nonroot", worker.Accounts!.RunAs);
        Assert.Equal(["HOME", "TZ"], worker.Environment.Keys);
    }

    [Fact]
    public void An_included_image_lends_its_contents_but_not_its_name()
    {
        using var assembly = InMemoryAssembly.Load(GeneratorHarness.Run("""
            using ImageDsl;
            namespace Demo;
            [Image("base")] [Package("busybox")] [VcsUrl("https://example.com/x@1")] public partial class Base;
            [Image("app")] [Include(typeof(Base))] [Package("curl")] public partial class App;
            """).Output);

        var app = (ImageConfiguration?)assembly.StaticProperty("Demo.App", "Configuration");

        Assert.Equal(["busybox", "curl"], app!.Contents.Packages);
        Assert.Null(app.VcsUrl);
        Assert.Equal("app", assembly.Assembly.GetType("Demo.App")!.GetField("ImageName")!.GetValue(null));
    }
}
