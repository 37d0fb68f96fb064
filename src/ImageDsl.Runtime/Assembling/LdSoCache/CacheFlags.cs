namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// The `flags` word of a cache entry: FLAG_ELF_LIBC6 plus glibc's "required" bits for the object's
/// ABI (sysdeps/generic/ldconfig.h). ld.so ignores entries whose required bits are not its own, so
/// these must be exactly glibc's values.
/// </summary>
public static class CacheFlags
{
    /// <summary>FLAG_ELF | FLAG_ELF_LIBC6 (= FLAG_ELF_LIBC6, 0x0003).</summary>
    public const int ElfLibc6 = 0x0003;

    /// <summary>FLAG_X8664_LIB64.</summary>
    public const int X8664Lib64 = 0x0300;

    /// <summary>FLAG_S390_LIB64.</summary>
    public const int S390Lib64 = 0x0400;

    /// <summary>FLAG_POWERPC_LIB64.</summary>
    public const int PowerPcLib64 = 0x0500;

    /// <summary>FLAG_X8664_LIBX32.</summary>
    public const int X8664LibX32 = 0x0800;

    /// <summary>FLAG_ARM_LIBHF.</summary>
    public const int ArmLibHardFloat = 0x0900;

    /// <summary>FLAG_AARCH64_LIB64.</summary>
    public const int Aarch64Lib64 = 0x0a00;

    /// <summary>FLAG_ARM_LIBSF.</summary>
    public const int ArmLibSoftFloat = 0x0b00;

    /// <summary>FLAG_RISCV_FLOAT_ABI_SOFT.</summary>
    public const int RiscvFloatAbiSoft = 0x0f00;

    /// <summary>FLAG_RISCV_FLOAT_ABI_DOUBLE.</summary>
    public const int RiscvFloatAbiDouble = 0x1000;

    /// <summary>FLAG_LARCH_FLOAT_ABI_SOFT.</summary>
    public const int LoongArchFloatAbiSoft = 0x1100;

    /// <summary>FLAG_LARCH_FLOAT_ABI_DOUBLE.</summary>
    public const int LoongArchFloatAbiDouble = 0x1200;

    private const int Em386 = 3;
    private const int EmPpc64 = 21;
    private const int EmS390 = 22;
    private const int EmArm = 40;
    private const int EmX8664 = 62;
    private const int EmAarch64 = 183;
    private const int EmRiscv = 243;
    private const int EmLoongArch = 258;

    /// <summary>
    /// The flags ldconfig gives <paramref name="elf"/>, or null when glibc has no cache flag for its
    /// machine/class/ABI (apko then fails the build; so do we). apko knows x86_64 and aarch64 only;
    /// the other values are glibc's, for the architectures glibc ships an ld.so for.
    /// </summary>
    public static int? For(ElfSharedObject elf)
    {
        ArgumentNullException.ThrowIfNull(elf);
        return (elf.Machine, elf.Is64Bit) switch
        {
            (EmX8664, true) => ElfLibc6 | X8664Lib64,
            (EmX8664, false) => ElfLibc6 | X8664LibX32,
            (EmAarch64, true) => ElfLibc6 | Aarch64Lib64,
            (Em386, false) => ElfLibc6,
            (EmArm, false) => ElfLibc6 | ArmFloat(elf.Flags),
            (EmPpc64, true) => ElfLibc6 | PowerPcLib64,
            (EmS390, true) => ElfLibc6 | S390Lib64,
            (EmRiscv, true) => (elf.Flags & 0x6) switch
            {
                0x0 => ElfLibc6 | RiscvFloatAbiSoft,
                0x4 => ElfLibc6 | RiscvFloatAbiDouble,
                _ => null,
            },
            (EmLoongArch, true) => (elf.Flags & 0x7) switch
            {
                0x1 => ElfLibc6 | LoongArchFloatAbiSoft,
                0x3 => ElfLibc6 | LoongArchFloatAbiDouble,
                _ => null,
            },
            _ => null,
        };
    }

    // EF_ARM_ABI_FLOAT_HARD / _SOFT; unmarked objects are taken as fitting every variant, as glibc does.
    private static int ArmFloat(uint flags) =>
        (flags & 0x400) != 0 ? ArmLibHardFloat : (flags & 0x200) != 0 ? ArmLibSoftFloat : 0;

    /// <summary>A readable machine name for error messages.</summary>
    public static string MachineName(int machine) => machine switch
    {
        Em386 => "i386",
        EmPpc64 => "ppc64",
        EmS390 => "s390",
        EmArm => "arm",
        EmX8664 => "x86_64",
        EmAarch64 => "aarch64",
        EmRiscv => "riscv",
        EmLoongArch => "loongarch",
        _ => $"machine {machine}",
    };
}
