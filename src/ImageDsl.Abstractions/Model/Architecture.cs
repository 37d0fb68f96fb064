using ImageDsl.Rules;

namespace ImageDsl.Model;

/// <summary>A target architecture by its canonical (OCI) name, e.g. `amd64`, `arm/v7`.</summary>
public readonly record struct Architecture : IComparable<Architecture>
{
    private Architecture(string name) => Name = name;

    /// <summary>The canonical name (`386 amd64 arm/v6 arm/v7 arm64 loong64 ppc64le riscv64 s390x`).</summary>
    public string Name { get; }

    /// <summary>The apk name: `/etc/apk/arch` and the repository folder (`x86_64`, `aarch64`...).</summary>
    public string ApkName => ArchitectureNames.ToApk(Name);

    /// <summary>The OCI platform `architecture` field.</summary>
    public string OciArchitecture => ArchitectureNames.ToOciPlatform(Name).Architecture;

    /// <summary>The OCI platform `variant` field, or null.</summary>
    public string? OciVariant => ArchitectureNames.ToOciPlatform(Name).Variant;

    public static Architecture I386 { get; } = new("386");
    public static Architecture Amd64 { get; } = new("amd64");
    public static Architecture ArmV6 { get; } = new("arm/v6");
    public static Architecture ArmV7 { get; } = new("arm/v7");
    public static Architecture Arm64 { get; } = new("arm64");
    public static Architecture Loong64 { get; } = new("loong64");
    public static Architecture Ppc64le { get; } = new("ppc64le");
    public static Architecture Riscv64 { get; } = new("riscv64");
    public static Architecture S390x { get; } = new("s390x");

    /// <summary>All nine architectures in apko's sorted order (what `--arch all` means).</summary>
    public static IReadOnlyList<Architecture> All { get; } =
        ArchitectureNames.Canonical.Select(n => new Architecture(n)).ToArray();

    /// <summary>Parses a canonical name or apk alias (`x86_64` → `amd64`).</summary>
    public static bool TryParse(string? text, out Architecture architecture)
    {
        if (ArchitectureNames.TryCanonicalize(text, out string canonical))
        {
            architecture = new Architecture(canonical);
            return true;
        }
        architecture = default;
        return false;
    }

    /// <summary>Parses a canonical name or apk alias, or throws <see cref="FormatException"/>.</summary>
    public static Architecture Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"unknown architecture '{text}'");

    /// <summary>The architecture this process runs on.</summary>
    public static Architecture Host => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => Amd64,
        System.Runtime.InteropServices.Architecture.Arm64 => Arm64,
        System.Runtime.InteropServices.Architecture.X86 => I386,
        System.Runtime.InteropServices.Architecture.Arm => ArmV7,
        System.Runtime.InteropServices.Architecture.S390x => S390x,
        System.Runtime.InteropServices.Architecture.Ppc64le => Ppc64le,
        System.Runtime.InteropServices.Architecture.LoongArch64 => Loong64,
        _ => Amd64,
    };

    /// <inheritdoc />
    public int CompareTo(Architecture other) => string.CompareOrdinal(Name, other.Name);

    /// <inheritdoc />
    public override string ToString() => Name ?? "";
}
