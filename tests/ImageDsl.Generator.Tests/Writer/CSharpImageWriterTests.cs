using System.Collections.Immutable;
using ImageDsl.Config.CSharp;
using ImageDsl.Model;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Tests.Writer;

/// <summary>
/// model → C# (CSharpImageWriter) → generator → compiled Configuration must give back the same model.
/// </summary>
public class CSharpImageWriterTests
{
    private const string CertificatePem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";
    private const string KeyPem = "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAK\n-----END PUBLIC KEY-----";

    public static TheoryData<string, ImageConfiguration> Models => new()
    {
        { "services", Services },
        { "command", Command },
        { "empty", new ImageConfiguration() },
        { "awkward-text", AwkwardText },
        { "registry-base", RegistryBase },
    };

    /// <summary>A base image named by a registry reference: [BaseImage(Reference = ...)].</summary>
    private static ImageConfiguration RegistryBase => new()
    {
        Contents = new ImageContents
        {
            Repositories = ["./repo"],
            Packages = ["hello"],
            BaseImage = new BaseImage(null, "./base-index") { Reference = "127.0.0.1:5000/team/base:1" },
        },
        Archs = [Architecture.Amd64],
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Written_class_compiles_back_to_an_equal_model(string name, ImageConfiguration model)
    {
        string source = CSharpImageWriter.Write(model, name, "Imported", "Image");

        var (run, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Problems(output));
        using var assembly = InMemoryAssembly.Load(output);
        var roundTripped = (ImageConfiguration?)assembly.StaticProperty("Imported.Image", "Configuration");

        Assert.Equal(model, roundTripped);
        Assert.Equal(name, ImageCatalog.Discover(assembly.Assembly).Single().Name);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Written_source_is_idiomatic_and_stable()
    {
        GoldenFile.AssertMatches("Writer", "Services.cs", CSharpImageWriter.Write(Services, "web", "Acme.Images", "Web"));
    }

    [Fact]
    public async Task Written_source_passes_every_analyzer()
    {
        var (_, output) = GeneratorHarness.Run(CSharpImageWriter.Write(Services, "web", "Acme.Images", "Web"));
        var analyzers = Analyzers.DescriptorCatalogTests.Analyzers.ToImmutableArray();

        var diagnostics = await output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void An_empty_namespace_writes_a_class_in_the_global_namespace()
    {
        string source = CSharpImageWriter.Write(new ImageConfiguration { Cmd = "x" }, "g", "", "G");

        Assert.Equal("using ImageDsl;\n\n[Image(\"g\")]\n[Cmd(\"x\")]\npublic partial class G;\n", source);
    }

    [Theory]
    [InlineData("Acme", "1Image")]
    [InlineData("Acme", "My-Image")]
    [InlineData("Acme..Images", "Image")]
    public void Names_that_are_not_CSharp_identifiers_are_refused(string @namespace, string className)
    {
        Assert.Throws<ArgumentException>(() => CSharpImageWriter.Write(new ImageConfiguration(), "x", @namespace, className));
    }

    private static ImageConfiguration Services => new()
    {
        Contents = new ImageContents
        {
            Repositories = ["https://packages.wolfi.dev/os", "@extra https://packages.wolfi.dev/extra"],
            BuildRepositories = ["./local-packages"],
            RuntimeRepositories = ["@mirror https://mirror.example.com/os"],
            Keyring = ["https://packages.wolfi.dev/os/wolfi-signing.rsa.pub"],
            RuntimeKeyring = [new RuntimeKey("mirror.rsa.pub", KeyPem)],
            Packages = ["nginx>=1.24", "ca-certificates-bundle", "nginx-extras@extra", "!busybox"],
        },
        Entrypoint = new ImageEntrypoint
        {
            Type = ImageEntrypoint.ServiceBundle,
            Services = ValueMap.Of(("nginx", "/usr/sbin/nginx -g 'daemon off;'"), ("cron", "/usr/sbin/crond -f")),
        },
        Cmd = "--verbose",
        StopSignal = "SIGQUIT",
        WorkDir = "/var/lib/nginx",
        Accounts = new ImageAccounts
        {
            RunAs = "nginx",
            Users =
            [
                new UserAccount { UserName = "nginx", Uid = 10000, Gid = 10000, Shell = "/sbin/nologin", HomeDir = "/var/lib/nginx" },
                new UserAccount { UserName = "helper", Uid = 10001, Gid = 0 },
            ],
            Groups =
            [
                new GroupAccount { GroupName = "www", Gid = 10000, Members = ["nginx", "helper"] },
                new GroupAccount { GroupName = "empty", Gid = 10002 },
            ],
        },
        Archs = [Architecture.Amd64, Architecture.Arm64, Architecture.ArmV7],
        Environment = ValueMap.Of(("PATH", "/usr/sbin:/sbin:/usr/bin:/bin"), ("NGINX_PORT", "8080")),
        Paths =
        [
            new PathMutation { Path = "/var/lib/nginx", Type = PathMutationType.Directory, Permissions = 0x1ED, Uid = 10000, Gid = 10000, Recursive = true },
            new PathMutation { Path = "/var/run/nginx.pid", Type = PathMutationType.EmptyFile, Permissions = 0x1A4 },
            new PathMutation { Path = "/etc/nginx/default", Type = PathMutationType.Symlink, Source = "/etc/nginx/conf.d" },
            new PathMutation { Path = "/usr/bin/nginx2", Type = PathMutationType.Hardlink, Source = "/usr/sbin/nginx", Uid = 0, Gid = 0 },
            new PathMutation { Path = "/tmp", Type = PathMutationType.Permissions, Permissions = 0x3FF },
            new PathMutation { Path = "/srv", Type = PathMutationType.Permissions, Permissions = 0, Recursive = true },
        ],
        Volumes = ["/var/cache/nginx", "/var/log/nginx"],
        Annotations = ValueMap.Of(("org.opencontainers.image.title", "nginx"), ("org.opencontainers.image.vendor", "Acme")),
        Layering = new ImageLayering(ImageLayering.Origin, 4),
        Certificates = new ImageCertificates
        {
            Additional = [new AdditionalCertificate("corp-root", CertificatePem)],
            Providers = ["ca-certificates"],
        },
        VcsUrl = "https://github.com/acme/images@0123456789abcdef",
    };

    private static ImageConfiguration Command => new()
    {
        Contents = new ImageContents
        {
            Repositories = ["./repo"],
            Packages = ["busybox"],
            BaseImage = new BaseImage("./base-layout", "./base-index"),
        },
        Entrypoint = new ImageEntrypoint { Command = "/bin/sh -c", ShellFragment = "echo hello\necho bye" },
        Accounts = new ImageAccounts { RunAs = "65532" },
        Archs = [Architecture.I386, Architecture.Loong64, Architecture.Ppc64le, Architecture.Riscv64, Architecture.S390x, Architecture.ArmV6],
        Include = "base.yaml",
        Format = "tar",
        Layering = new ImageLayering("origin", 1),
    };

    private static ImageConfiguration AwkwardText => new()
    {
        Contents = new ImageContents { Packages = ["so:libc.musl-x86_64.so.1", "cmd:sh"] },
        Entrypoint = new ImageEntrypoint { Type = ImageEntrypoint.ServiceBundle },
        Cmd = "echo \"quoted\" \\backslash\\ \ttab ünïcödé 🚀",
        Accounts = new ImageAccounts { RunAs = "007" },
        Environment = ValueMap.Of(("EMPTY", ""), ("MULTI", "line one\nline two\n"), ("CR", "a\r\nb")),
        Annotations = ValueMap.Of(("org.example.raw", "has \"\"\" three quotes\nand more")),
        Certificates = new ImageCertificates { Additional = [new AdditionalCertificate("odd", "\"\"\"\n  indented\n\n-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n")] },
    };
}
