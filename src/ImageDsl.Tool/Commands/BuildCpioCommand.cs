using System.CommandLine;
using ImageDsl.Build;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build-cpio &lt;config&gt; &lt;out.cpio&gt;`: apko's initramfs output, one architecture as a newc cpio.</summary>
internal static class BuildCpioCommand
{
    public static Command Create() => RootfsOutputCommand.Create("build-cpio",
        "Build a newc cpio of the image's filesystem, e.g. an initramfs for a kernel or a VM.\n\n" +
        "Example:\n  dotnet image build-cpio samples/hello/hello.yaml initramfs.cpio --build-arch amd64",
        "The cpio file to write (newc format, uncompressed, as apko writes it).",
        BuildOutputs.WriteCpio);
}
