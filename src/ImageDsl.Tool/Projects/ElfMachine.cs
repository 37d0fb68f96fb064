using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// Reads which processor a Linux executable (an apphost) was built for from its ELF header, so the app
/// package is filed under the architecture that can actually run it, whatever the build machine is.
/// </summary>
internal static class ElfMachine
{
    private const int HeaderLength = 20; // e_ident (16) + e_type (2) + e_machine (2)

    /// <summary>The architecture of the ELF file at <paramref name="path"/>; null when it is not an ELF file (a Windows or macOS apphost).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Architecture? Read(string path)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        using (FileStream stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength)
            {
                return null;
            }
        }
        if (header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            return null;
        }
        bool bigEndian = header[5] == 2;
        int machine = bigEndian ? (header[18] << 8) | header[19] : header[18] | (header[19] << 8);
        bool is64 = header[4] == 2;
        return machine switch
        {
            0x3E => Architecture.Amd64,
            0xB7 => Architecture.Arm64,
            0x28 => Architecture.ArmV7,
            0x03 => Architecture.I386,
            0xF3 when is64 => Architecture.Riscv64,
            0x15 when !bigEndian => Architecture.Ppc64le,
            0x16 => Architecture.S390x,
            0x102 => Architecture.Loong64,
            _ => null,
        };
    }
}
