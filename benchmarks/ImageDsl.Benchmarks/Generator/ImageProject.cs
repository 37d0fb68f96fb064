using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Benchmarks.Generator;

/// <summary>The sources and references of the generator benchmark's project.</summary>
internal static class ImageProject
{
    public const string Base = """
        using ImageDsl;

        namespace Bench.Images;

        [Repository("https://packages.wolfi.dev/os")]
        [Keyring("https://packages.wolfi.dev/os/wolfi-signing.rsa.pub")]
        [Package("wolfi-baselayout", "ca-certificates-bundle")]
        [User("nonroot", Uid = 65532)]
        [RunAs("nonroot")]
        [Env("LANG", "C.UTF-8")]
        public abstract class WolfiBase;
        """;

    /// <summary>Image <paramref name="i"/>: a dozen attributes; every fourth derives from the base, the rest stand alone.</summary>
    public static string Image(int i, string tool) => i % 4 == 0
        ? $$"""
            using ImageDsl;

            namespace Bench.Images;

            [Image("derived-{{i}}")]
            [Package("{{tool}}", "tzdata", "app-{{i}}>=1.{{i}}")]
            [Arch(Arch.Amd64, Arch.Arm64)]
            [Env("INDEX", "{{i}}")]
            [Entrypoint("/usr/bin/app-{{i}} --serve")]
            [WorkDir("/srv/app-{{i}}")]
            [Directory("/srv/app-{{i}}", Mode = "0755", Uid = 65532, Gid = 65532)]
            [Annotation("org.opencontainers.image.title", "derived {{i}}")]
            public partial class Image{{i}} : WolfiBase;
            """
        : $$"""
            using ImageDsl;

            namespace Bench.Images;

            [Image("image-{{i}}")]
            [Repository("https://dl-cdn.alpinelinux.org/alpine/v3.20/main")]
            [Keyring("https://alpinelinux.org/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")]
            [Package("busybox", "{{tool}}", "app-{{i}}>=1.{{i}}")]
            [Arch(Arch.Amd64, Arch.Arm64)]
            [User("app", Uid = {{10000 + i}})]
            [Group("app", Gid = {{10000 + i}}, Members = ["app"])]
            [RunAs("app")]
            [Env("PATH", "/usr/sbin:/sbin:/usr/bin:/bin")]
            [Env("INDEX", "{{i}}")]
            [Entrypoint("/usr/bin/app-{{i}} --serve")]
            [Cmd("--port {{8000 + i}}")]
            [WorkDir("/srv/app-{{i}}")]
            [Symlink("/usr/bin/app", "/usr/bin/app-{{i}}")]
            [Annotation("org.opencontainers.image.title", "image {{i}}")]
            [Layering(Budget = 4)]
            public partial class Image{{i}};
            """;

    public static string Unrelated(int version) => $$"""
        namespace Bench.Other;

        public sealed class Unrelated
        {
            public int Version => {{version}};
        }
        """;

    /// <summary>The running runtime's assemblies plus ImageDsl.Abstractions (nothing downloaded).</summary>
    public static ImmutableArray<MetadataReference> References()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(runtime, "*.dll")
            .Where(IsManagedAssembly)
            .Order(StringComparer.Ordinal)
            .Append(typeof(ImageAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
