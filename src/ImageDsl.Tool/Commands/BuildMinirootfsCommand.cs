using System.CommandLine;
using ImageDsl.Build;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image build-minirootfs &lt;config&gt; &lt;out.tar[.gz]&gt;`: the root filesystem of one architecture as a tarball.</summary>
internal static class BuildMinirootfsCommand
{
    public static Command Create() => RootfsOutputCommand.Create("build-minirootfs",
        "Build a root filesystem tarball (one layer, no OCI metadata), e.g. to ADD into a Dockerfile stage.\n\n" +
        "Example:\n  dotnet image build-minirootfs samples/hello/hello.yaml rootfs.tar.gz --build-arch arm64\n" +
        "  dotnet image build-minirootfs --project samples/ImageDsl.Samples --image hello-minimal rootfs.tar.gz",
        "The tarball to write; gzip-compressed when it ends in .gz.",
        (image, target, _) => BuildOutputs.WriteRootfs(image, target));
}
