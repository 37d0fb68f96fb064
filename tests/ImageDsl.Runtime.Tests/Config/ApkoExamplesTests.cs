using System.Security.Cryptography;
using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>apko's own example configurations: every one loads, validates and round-trips through the writer.</summary>
public class ApkoExamplesTests
{
    // apko resolves `include: examples/alpine-base.yaml` against the working directory.
    private static readonly string ExamplesRoot = Fixtures.Shared("apko-examples");

    private static ConfigurationLoadOptions Options => new() { WorkingDirectory = ExamplesRoot };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(ExamplesRoot, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void All_nineteen_examples_are_there()
    {
        Assert.Equal(19, Directory.GetFiles(Path.Combine(ExamplesRoot, "examples"), "*.yaml").Length);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_loads_without_errors(string name)
    {
        LoadedConfiguration loaded = ConfigurationLoader.Load(Path.Combine("examples", name), Options);
        Assert.False(loaded.Configuration.Contents.Packages.IsEmpty);
        Assert.Matches("^sha256-[A-Za-z0-9+/]{43}=$", loaded.Checksum);
        Assert.Empty(loaded.Warnings);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_round_trips_through_the_writer(string name)
    {
        ImageConfiguration first = ConfigurationLoader.Load(Path.Combine("examples", name), Options).Configuration;
        string yaml = ApkoYamlWriter.Write(first);
        ImageConfiguration second = ConfigurationLoader.Parse(yaml, name, Options).Configuration;
        Assert.Equal(first, second);
        // Writing is canonical: the second write is byte-identical to the first.
        Assert.Equal(yaml, ApkoYamlWriter.Write(second));
    }

    [Fact]
    public void The_checksum_hashes_the_main_file_then_the_include()
    {
        LoadedConfiguration loaded = ConfigurationLoader.Load("examples/overlay.yaml", Options);
        byte[] bytes = [.. File.ReadAllBytes(Path.Combine(ExamplesRoot, "examples/overlay.yaml")),
                        .. File.ReadAllBytes(Path.Combine(ExamplesRoot, "examples/alpine-base.yaml"))];
        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), loaded.Checksum);
        Assert.Equal(
            [Path.Combine(ExamplesRoot, "examples/overlay.yaml"), Path.Combine(ExamplesRoot, "examples/alpine-base.yaml")],
            loaded.Files);
    }

    [Fact]
    public void Overlay_appends_its_packages_after_the_included_ones_and_inherits_the_rest()
    {
        ImageConfiguration overlay = ConfigurationLoader.Load("examples/overlay.yaml", Options).Configuration;
        Assert.Equal(["alpine-base", "nano"], overlay.Contents.Packages);
        Assert.Equal(["https://dl-cdn.alpinelinux.org/alpine/v3.22/main"], overlay.Contents.Repositories);
        Assert.Equal("/bin/sh -l", overlay.Cmd);
        Assert.Equal([Architecture.Amd64, Architecture.Arm64], overlay.Archs);
        Assert.Null(overlay.Include);
    }

    [Fact]
    public void Nginx_gets_apkos_service_bundle_command_s6_and_home_directory()
    {
        ImageConfiguration nginx = ConfigurationLoader.Load("examples/nginx.yaml", Options).Configuration;
        Assert.Equal("/bin/s6-svscan /sv", nginx.Entrypoint!.Command);
        Assert.Equal(["wolfi-baselayout", "nginx", "s6"], nginx.Contents.Packages);
        Assert.Equal("/home/nginx", nginx.Accounts!.Users[0].HomeDir);
        Assert.Equal(493u, nginx.Paths[0].Permissions); // 0o755
        Assert.Equal(PathMutationType.Hardlink, nginx.Paths[1].Type);
        Assert.Equal("/usr/sbin/nginx -c /etc/nginx/nginx.conf -g \"daemon off;\"", nginx.Entrypoint.Services["nginx"]);
    }

    [Fact]
    public void Apk_architecture_names_become_canonical_names()
    {
        ImageConfiguration wolfi = ConfigurationLoader.Load("examples/wolfi-base.yaml", Options).Configuration;
        Assert.Equal([Architecture.Amd64, Architecture.Arm64], wolfi.Archs);
    }
}
