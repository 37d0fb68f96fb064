namespace ImageDsl.Tests;

/// <summary>C# image declarations shared by the generator, execution and incrementality tests.</summary>
public static class Samples
{
    public const string Minimal = """
        using ImageDsl;

        namespace Demo;

        [Image("hello")]
        [Repository("https://dl-cdn.alpinelinux.org/alpine/v3.20/main")]
        [Keyring("https://alpinelinux.org/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")]
        [Package("busybox")]
        [Entrypoint("/bin/sh -c 'echo hello'")]
        public partial class Hello;
        """;

    public const string Nginx = """"
        using ImageDsl;

        namespace Demo.Web;

        [Image("nginx")]
        [Repository("https://packages.wolfi.dev/os")]
        [Repository("https://packages.wolfi.dev/extra", Tag = "extra")]
        [BuildRepository("./local-packages")]
        [RuntimeRepository("https://mirror.example.com/os")]
        [Keyring("https://packages.wolfi.dev/os/wolfi-signing.rsa.pub")]
        [RuntimeKey("mirror.rsa.pub", """
            -----BEGIN PUBLIC KEY-----
            MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAK
            -----END PUBLIC KEY-----

            """)]
        [Package("nginx>=1.24", "ca-certificates-bundle")]
        [Package("nginx-extras@extra")]
        [Arch(Arch.Amd64, Arch.Arm64)]
        [Service("nginx", "/usr/sbin/nginx -g 'daemon off;'")]
        [Service("logrotate", "/usr/sbin/crond -f")]
        [Cmd("--verbose")]
        [WorkDir("/var/lib/nginx")]
        [StopSignal("SIGQUIT")]
        [User("nginx", Uid = 10000, Gid = 10000, Shell = "/sbin/nologin", Home = "/var/lib/nginx")]
        [User("helper", Uid = 10001)]
        [Group("www", Gid = 10000, Members = ["nginx", "helper"])]
        [RunAs("nginx")]
        [Env("PATH", "/usr/sbin:/sbin:/usr/bin:/bin")]
        [Env("NGINX_PORT", "8080")]
        [Directory("/var/lib/nginx", Mode = "0755", Uid = 10000, Gid = 10000, Recursive = true)]
        [EmptyFile("/var/run/nginx.pid", Mode = "0o644")]
        [Symlink("/etc/nginx/default", "/etc/nginx/conf.d")]
        [Hardlink("/usr/bin/nginx2", "/usr/sbin/nginx")]
        [Permissions("/etc/nginx", Mode = "0750", Recursive = true)]
        [Volume("/var/cache/nginx")]
        [Annotation("org.opencontainers.image.title", "nginx")]
        [Layering(Budget = 4)]
        [Certificate("corp-root", """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUQ
            -----END CERTIFICATE-----
            """)]
        [CertificateProvider("ca-certificates")]
        [VcsUrl("https://github.com/acme/images@0123456789abcdef")]
        public partial class Nginx;
        """";

    public const string Inheritance = """
        using ImageDsl;

        namespace Demo;

        /// <summary>Not an image: a fragment that images derive from, like an apko include.</summary>
        [Repository("https://packages.wolfi.dev/os")]
        [Keyring("https://packages.wolfi.dev/os/wolfi-signing.rsa.pub")]
        [Package("wolfi-baselayout", "ca-certificates-bundle")]
        [Arch(Arch.Amd64)]
        [Env("PATH", "/usr/bin:/bin")]
        [Env("LANG", "C.UTF-8")]
        [User("nonroot", Uid = 65532)]
        [RunAs("nonroot")]
        [Entrypoint("/bin/sh")]
        [VcsUrl("https://example.com/base@1")]
        public abstract class WolfiBase;

        [Image("static")]
        [Package("tzdata")]
        public partial class Static : WolfiBase;

        [Image("python")]
        [Package("python-3.12")]
        [Arch(Arch.Amd64, Arch.Arm64)]
        [Env("PATH", "/usr/local/bin:/usr/bin:/bin")]
        [Env("PYTHONUNBUFFERED", "1")]
        [Entrypoint("/usr/bin/python3")]
        public partial class Python : Static;
        """;

    public const string Composition = """
        using ImageDsl;

        namespace Demo;

        [Repository("https://packages.wolfi.dev/os")]
        [Keyring("https://packages.wolfi.dev/os/wolfi-signing.rsa.pub")]
        [Arch(Arch.Amd64)]
        public abstract class Wolfi;

        /// <summary>A fragment: applied to images with [Include(typeof(NonRootUser))].</summary>
        [User("nonroot", Uid = 65532)]
        [Group("nonroot", Gid = 65532, Members = ["nonroot"])]
        [RunAs("nonroot")]
        [Env("HOME", "/home/nonroot")]
        public abstract class NonRootUser;

        /// <summary>A fragment including another: NonRootUser is applied once however it is reached.</summary>
        [Include(typeof(NonRootUser))]
        [Package("ca-certificates-bundle", "tzdata")]
        [Env("TZ", "UTC")]
        [Directory("/tmp", Mode = "01777")]
        public abstract class Hardened;

        [Image("web")]
        [Include(typeof(NonRootUser))]
        [Include(typeof(Hardened))]
        [Package("nginx")]
        [Env("TZ", "Europe/Paris")]
        [Entrypoint("/usr/sbin/nginx")]
        public partial class Web : Wolfi;

        [Image("worker")]
        [Include(typeof(Wolfi))]
        [Include(typeof(Hardened))]
        [Package("busybox")]
        public partial class Worker;
        """;

    public const string Nested = """
        using ImageDsl;

        namespace Demo;

        public static partial class Images
        {
            [Image("tool")]
            [Package("curl")]
            private partial class Tool;

            [Image("public-tool")]
            [Package("wget")]
            public partial record PublicTool;
        }
        """;

    public const string GlobalNamespace = """
        using ImageDsl;

        [Image("global")]
        [Arch("x86_64", "arm/v7")]
        [RunAs(0)]
        public partial class InGlobalNamespace;
        """;
}
