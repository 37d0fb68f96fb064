using ImageDsl.Model;

namespace ImageDsl;

/// <summary>The architectures an image can be built for, by their canonical (OCI) names.</summary>
/// <remarks>The numeric values are part of the contract (compiled into user assemblies); never renumber.</remarks>
public enum Arch
{
    /// <summary><c>386</c> (apk <c>x86</c>).</summary>
    I386 = 0,

    /// <summary><c>amd64</c> (apk <c>x86_64</c>).</summary>
    Amd64 = 1,

    /// <summary><c>arm/v6</c> (apk <c>armhf</c>).</summary>
    ArmV6 = 2,

    /// <summary><c>arm/v7</c> (apk <c>armv7</c>).</summary>
    ArmV7 = 3,

    /// <summary><c>arm64</c> (apk <c>aarch64</c>).</summary>
    Arm64 = 4,

    /// <summary><c>loong64</c> (apk <c>loongarch64</c>).</summary>
    Loong64 = 5,

    /// <summary><c>ppc64le</c>.</summary>
    Ppc64le = 6,

    /// <summary><c>riscv64</c>.</summary>
    Riscv64 = 7,

    /// <summary><c>s390x</c>.</summary>
    S390x = 8,
}

/// <summary>Conversions between <see cref="Arch"/> and the model's <see cref="Architecture"/>.</summary>
public static class ArchExtensions
{
    /// <summary>The model architecture for <paramref name="arch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Arch"/>.</exception>
    public static Architecture ToArchitecture(this Arch arch) => arch switch
    {
        Arch.I386 => Architecture.I386,
        Arch.Amd64 => Architecture.Amd64,
        Arch.ArmV6 => Architecture.ArmV6,
        Arch.ArmV7 => Architecture.ArmV7,
        Arch.Arm64 => Architecture.Arm64,
        Arch.Loong64 => Architecture.Loong64,
        Arch.Ppc64le => Architecture.Ppc64le,
        Arch.Riscv64 => Architecture.Riscv64,
        Arch.S390x => Architecture.S390x,
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch, "not a defined architecture"),
    };

    /// <summary>The <see cref="Arch"/> member for a model architecture.</summary>
    public static Arch ToArch(this Architecture architecture) => architecture.Name switch
    {
        "386" => Arch.I386,
        "amd64" => Arch.Amd64,
        "arm/v6" => Arch.ArmV6,
        "arm/v7" => Arch.ArmV7,
        "arm64" => Arch.Arm64,
        "loong64" => Arch.Loong64,
        "ppc64le" => Arch.Ppc64le,
        "riscv64" => Arch.Riscv64,
        "s390x" => Arch.S390x,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture.Name, "not a known architecture"),
    };
}
