using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>.NET runtime identifiers as image architectures: an app published for linux-x64 runs on amd64 only.</summary>
internal static class RuntimeIdentifierArch
{
    /// <summary>The architecture of a Linux runtime identifier (linux-x64, linux-musl-arm64...).</summary>
    /// <exception cref="ImageDslException">Not a Linux runtime identifier, or one of no image architecture (exit 2).</exception>
    public static Architecture Of(string rid)
    {
        if (!rid.StartsWith("linux-", StringComparison.Ordinal))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"the app was published for {rid}, which is not Linux",
                "Publish for Linux: dotnet publish -r linux-x64 (or linux-arm64, linux-musl-x64 for musl-based images), or without -r for a portable app.");
        }
        return rid[(rid.LastIndexOf('-') + 1)..] switch
        {
            "x64" => Architecture.Amd64,
            "arm64" => Architecture.Arm64,
            "arm" => Architecture.ArmV7,
            "x86" => Architecture.I386,
            "riscv64" => Architecture.Riscv64,
            "loongarch64" => Architecture.Loong64,
            "ppc64le" => Architecture.Ppc64le,
            "s390x" => Architecture.S390x,
            _ => throw new ImageDslException(ErrorKind.Configuration, $"the runtime identifier {rid} names no architecture an image can have",
                "Publish for linux-x64, linux-arm64, linux-arm, linux-x86, linux-riscv64, linux-loongarch64, linux-ppc64le or linux-s390x."),
        };
    }
}
