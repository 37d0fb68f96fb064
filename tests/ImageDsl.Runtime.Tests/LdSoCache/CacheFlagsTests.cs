using ImageDsl.Assembling.LdSoCache;

namespace ImageDsl.Tests.LdSoCache;

public class CacheFlagsTests
{
    [Theory]
    [InlineData(ElfBuilder.X8664, true, 0u, 0x0303)]
    [InlineData(ElfBuilder.X8664, false, 0u, 0x0803)]
    [InlineData(ElfBuilder.Aarch64, true, 0u, 0x0a03)]
    [InlineData(ElfBuilder.I386, false, 0u, 0x0003)]
    [InlineData(ElfBuilder.Arm, false, 0x05000400u, 0x0903)]
    [InlineData(ElfBuilder.Arm, false, 0x05000200u, 0x0b03)]
    [InlineData(ElfBuilder.Arm, false, 0x05000000u, 0x0003)]
    [InlineData(21, true, 2u, 0x0503)]
    [InlineData(ElfBuilder.S390, true, 0u, 0x0403)]
    [InlineData(ElfBuilder.Riscv, true, 0x5u, 0x1003)]
    [InlineData(ElfBuilder.Riscv, true, 0x1u, 0x0f03)]
    [InlineData(ElfBuilder.LoongArch, true, 0x43u, 0x1203)]
    [InlineData(ElfBuilder.LoongArch, true, 0x41u, 0x1103)]
    public void Each_abi_gets_glibcs_flag(int machine, bool is64, uint eflags, int expected)
    {
        Assert.Equal(expected, CacheFlags.For(new ElfSharedObject(machine, is64, false, eflags, [])));
    }

    [Theory]
    [InlineData(ElfBuilder.SparcV9, true, 0u)]
    [InlineData(ElfBuilder.Aarch64, false, 0u)]
    [InlineData(ElfBuilder.Riscv, true, 0x2u)]
    [InlineData(ElfBuilder.LoongArch, true, 0x42u)]
    [InlineData(ElfBuilder.I386, true, 0u)]
    public void Abis_without_a_glibc_flag_have_none(int machine, bool is64, uint eflags)
    {
        Assert.Null(CacheFlags.For(new ElfSharedObject(machine, is64, false, eflags, [])));
    }
}
