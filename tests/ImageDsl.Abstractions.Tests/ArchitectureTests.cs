using ImageDsl.Model;

namespace ImageDsl.Tests;

public class ArchitectureTests
{
    [Theory]
    [InlineData("x86_64", "amd64", "x86_64")]
    [InlineData("aarch64", "arm64", "aarch64")]
    [InlineData("armhf", "arm/v6", "armhf")]
    [InlineData("armv7", "arm/v7", "armv7")]
    [InlineData("x86", "386", "x86")]
    [InlineData("loongarch64", "loong64", "loongarch64")]
    [InlineData("ppc64le", "ppc64le", "ppc64le")]
    public void Apk_aliases_map_to_canonical_names_and_back(string input, string canonical, string apk)
    {
        Architecture arch = Architecture.Parse(input);
        Assert.Equal(canonical, arch.Name);
        Assert.Equal(apk, arch.ApkName);
    }

    [Fact]
    public void Arm_variants_map_to_platform_variant()
    {
        Assert.Equal(("arm", "v7"), (Architecture.ArmV7.OciArchitecture, Architecture.ArmV7.OciVariant));
        Assert.Null(Architecture.Amd64.OciVariant);
    }

    [Fact]
    public void Unknown_names_are_refused()
    {
        Assert.False(Architecture.TryParse("amd65", out _));
        Assert.Equal("amd64", ImageDsl.Rules.ArchitectureNames.Suggest("amd65"));
    }

    [Fact]
    public void All_is_in_apko_sorted_order()
    {
        Assert.Equal(
            ["386", "amd64", "arm/v6", "arm/v7", "arm64", "loong64", "ppc64le", "riscv64", "s390x"],
            Architecture.All.Select(a => a.Name));
    }
}
