using ImageDsl.Model;
using ImageDsl.Tests.Support;

namespace ImageDsl.Tests;

/// <summary>Runs the generated code and checks the ImageConfiguration it builds, and discovery.</summary>
public class GeneratedConfigurationTests
{
    [Fact]
    public void Generated_configuration_equals_the_expected_model()
    {
        using var assembly = InMemoryAssembly.Load(GeneratorHarness.Run(Samples.Nginx).Output);

        var actual = (ImageConfiguration?)assembly.StaticProperty("Demo.Web.Nginx", "Configuration");

        Assert.Equal(ExpectedNginx, actual);
    }

    [Fact]
    public void Derived_images_merge_base_declarations_like_an_include()
    {
        using var assembly = InMemoryAssembly.Load(GeneratorHarness.Run(Samples.Inheritance).Output);

        var python = (ImageConfiguration?)assembly.StaticProperty("Demo.Python", "Configuration");
        var expected = new ImageConfiguration
        {
            Contents = new ImageContents
            {
                Repositories = ["https://packages.wolfi.dev/os"],
                Keyring = ["https://packages.wolfi.dev/os/wolfi-signing.rsa.pub"],
                // Lists: base first.
                Packages = ["wolfi-baselayout", "ca-certificates-bundle", "tzdata", "python-3.12"],
            },
            // Scalars and the entrypoint as a whole: the derived class wins.
            Entrypoint = new ImageEntrypoint { Command = "/usr/bin/python3" },
            Archs = [Architecture.Amd64, Architecture.Arm64],
            Accounts = new ImageAccounts { RunAs = "nonroot", Users = [new UserAccount { UserName = "nonroot", Uid = 65532 }] },
            // Maps: union, the derived value wins.
            Environment = ValueMap.Of(("PATH", "/usr/local/bin:/usr/bin:/bin"), ("LANG", "C.UTF-8"), ("PYTHONUNBUFFERED", "1")),
            // vcs-url is not taken from a base, as apko does not take it from includes.
            VcsUrl = null,
        };
        Assert.Equal(expected, python);
        Assert.Equal(["PATH", "LANG", "PYTHONUNBUFFERED"], python!.Environment.Keys);
    }

    [Fact]
    public void Discover_lists_every_registered_image_by_name()
    {
        using var assembly = InMemoryAssembly.Load(
            GeneratorHarness.Run(Samples.Inheritance, Samples.Nested.Replace("namespace Demo;", "namespace Demo.Nest;")).Output);

        IReadOnlyList<DiscoveredImage> images = ImageCatalog.Discover(assembly.Assembly);

        Assert.Equal(["public-tool", "python", "static", "tool"], images.Select(i => i.Name));
        Assert.Equal("Demo.Nest.Images+Tool", images.Single(i => i.Name == "tool").Type.FullName);
        Assert.Equal(["curl"], images.Single(i => i.Name == "tool").Configuration.Contents.Packages);
        Assert.Same(
            assembly.StaticProperty("Demo.Python", "Configuration"),
            ImageCatalog.Find(assembly.Assembly, "python")!.Configuration);
        Assert.Null(ImageCatalog.Find(assembly.Assembly, "missing"));
    }

    [Fact]
    public void Discover_finds_nothing_in_an_assembly_without_images()
    {
        Assert.Empty(ImageCatalog.Discover(typeof(GeneratedConfigurationTests).Assembly));
    }

    [Fact]
    public void Arch_enum_values_follow_the_canonical_order()
    {
        Assert.Equal(
            Rules.ArchitectureNames.Canonical,
            Enum.GetValues<Arch>().OrderBy(a => (int)a).Select(a => a.ToArchitecture().Name));
        Assert.All(Architecture.All, a => Assert.Equal(a, a.ToArch().ToArchitecture()));
    }

    private static ImageConfiguration ExpectedNginx => new()
    {
        Contents = new ImageContents
        {
            Repositories = ["https://packages.wolfi.dev/os", "@extra https://packages.wolfi.dev/extra"],
            BuildRepositories = ["./local-packages"],
            RuntimeRepositories = ["https://mirror.example.com/os"],
            Keyring = ["https://packages.wolfi.dev/os/wolfi-signing.rsa.pub"],
            RuntimeKeyring = [new RuntimeKey("mirror.rsa.pub", "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAK\n-----END PUBLIC KEY-----\n")],
            Packages = ["nginx>=1.24", "ca-certificates-bundle", "nginx-extras@extra"],
        },
        Entrypoint = new ImageEntrypoint
        {
            Type = ImageEntrypoint.ServiceBundle,
            Services = ValueMap.Of(("nginx", "/usr/sbin/nginx -g 'daemon off;'"), ("logrotate", "/usr/sbin/crond -f")),
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
                new UserAccount { UserName = "helper", Uid = 10001 },
            ],
            Groups = [new GroupAccount { GroupName = "www", Gid = 10000, Members = ["nginx", "helper"] }],
        },
        Archs = [Architecture.Amd64, Architecture.Arm64],
        Environment = ValueMap.Of(("PATH", "/usr/sbin:/sbin:/usr/bin:/bin"), ("NGINX_PORT", "8080")),
        Paths =
        [
            new PathMutation { Path = "/var/lib/nginx", Type = PathMutationType.Directory, Permissions = 0x1ED, Uid = 10000, Gid = 10000, Recursive = true },
            new PathMutation { Path = "/var/run/nginx.pid", Type = PathMutationType.EmptyFile, Permissions = 0x1A4 },
            new PathMutation { Path = "/etc/nginx/default", Type = PathMutationType.Symlink, Source = "/etc/nginx/conf.d" },
            new PathMutation { Path = "/usr/bin/nginx2", Type = PathMutationType.Hardlink, Source = "/usr/sbin/nginx" },
            new PathMutation { Path = "/etc/nginx", Type = PathMutationType.Permissions, Permissions = 0x1E8, Recursive = true },
        ],
        VcsUrl = "https://github.com/acme/images@0123456789abcdef",
        Annotations = ValueMap.Of(("org.opencontainers.image.title", "nginx")),
        Volumes = ["/var/cache/nginx"],
        Layering = new ImageLayering(ImageLayering.Origin, 4),
        Certificates = new ImageCertificates
        {
            Additional = [new AdditionalCertificate("corp-root", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----")],
            Providers = ["ca-certificates"],
        },
    };
}
