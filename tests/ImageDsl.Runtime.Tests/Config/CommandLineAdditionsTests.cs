using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>apko's -p -r -b -k --arch flags applied by the loader.</summary>
public class CommandLineAdditionsTests
{
    [Fact]
    public void Appends_packages_repositories_and_keys_after_the_files()
    {
        var options = new ConfigurationLoadOptions
        {
            ExtraPackages = ["curl"],
            ExtraRepositories = ["https://extra/"],
            ExtraBuildRepositories = ["./local"],
            ExtraKeyring = ["extra.rsa.pub"],
        };
        ImageContents contents = ConfigurationLoader.Parse(ConfigAssert.Valid, "a.yaml", options).Configuration.Contents;
        Assert.Equal(["busybox", "curl"], contents.Packages);
        Assert.Equal(["https://dl-cdn.alpinelinux.org/alpine/v3.22/main", "https://extra"], contents.Repositories);
        Assert.Equal(["./local"], contents.BuildRepositories);
        Assert.Equal(["extra.rsa.pub"], contents.Keyring);
    }

    [Fact]
    public void A_bad_appended_package_is_located_at_the_flag()
    {
        var options = new ConfigurationLoadOptions { ExtraPackages = ["bad pkg"] };
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(ConfigAssert.Valid, "a.yaml", options));
        Assert.StartsWith("--package-append(0,0): error IMG0004: ", Assert.Single(error.Diagnostics).ToString());
    }

    [Theory]
    [InlineData(new[] { "x86_64", "arm64", "amd64", "armv7" }, new[] { "amd64", "arm/v7", "arm64" })]
    [InlineData(new[] { "all" }, new[] { "386", "amd64", "arm/v6", "arm/v7", "arm64", "loong64", "ppc64le", "riscv64", "s390x" })]
    public void Arch_flags_replace_the_archs_deduplicated_and_sorted(string[] flags, string[] expected)
    {
        var options = new ConfigurationLoadOptions { Archs = flags };
        var archs = ConfigurationLoader.Parse(ConfigAssert.Valid + "\narchs: [s390x]\n", "a.yaml", options).Configuration.Archs;
        Assert.Equal(expected, archs.Select(a => a.Name));
    }

    [Fact]
    public void Host_arch_is_this_machine()
    {
        var options = new ConfigurationLoadOptions { Archs = ["host"] };
        Assert.Equal([Architecture.Host], ConfigurationLoader.Parse(ConfigAssert.Valid, "a.yaml", options).Configuration.Archs);
    }

    [Fact]
    public void An_unknown_arch_flag_is_an_error()
    {
        var options = new ConfigurationLoadOptions { Archs = ["arm65"] };
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(ConfigAssert.Valid, "a.yaml", options));
        Assert.Equal("--arch(0,0): error IMG0003: unknown architecture 'arm65'; did you mean 'arm64'?", Assert.Single(error.Diagnostics).ToString());
    }
}
