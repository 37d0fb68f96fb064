namespace ImageDsl;

/// <summary>
/// The architectures to build (apko <c>archs</c>). Without it, the tool's <c>--arch</c> decides
/// (all nine by default, as in apko).
/// </summary>
/// <example><code>[Arch(Arch.Amd64, Arch.Arm64)]
/// [Arch("amd64", "arm/v7")]   // the same by name; apk aliases such as "x86_64" are accepted with a warning</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ArchAttribute : Attribute
{
    /// <summary>Declares the architectures by enum member.</summary>
    public ArchAttribute(params Arch[] architectures)
    {
        Architectures = architectures;
        Names = [];
    }

    /// <summary>Declares the architectures by name (canonical such as <c>arm/v7</c>, or apk such as <c>armv7</c>).</summary>
    public ArchAttribute(params string[] names)
    {
        Architectures = [];
        Names = names;
    }

    /// <summary>The architectures given as enum members.</summary>
    public Arch[] Architectures { get; }

    /// <summary>The architectures given by name.</summary>
    public string[] Names { get; }
}
