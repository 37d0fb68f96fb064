using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ContentsAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class ContentsAnalyzerTests
{
    private const string Pem = "-----BEGIN PUBLIC KEY-----\\nMFww\\n-----END PUBLIC KEY-----\\n";

    [Fact]
    public Task Valid_repositories_and_keys_are_fine() => Verify.VerifyAsync($$"""
        using ImageDsl;
        [Image("a")]
        [Repository("https://example.com/main", Tag = "main2")]
        [Keyring("./keys/a.rsa.pub")]
        [RuntimeKey("a.rsa.pub", "{{Pem}}")]
        [BaseImage("./base", ApkIndex = "./base-index")]
        [Package("busybox")]
        [Arch(Arch.Amd64)]
        public partial class A;
        """);

    [Fact]
    public Task Bad_repositories_are_reported() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Repository({|#0:"@edge https://example.com/edge"|})]
        [Repository("https://example.com/x", Tag = {|#1:"@x"|})]
        [BuildRepository("./local", Tag = {|#2:"my-tag"|})]
        [RuntimeRepository({|#3:""|})]
        [Keyring({|#4:" "|})]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0028").WithLocation(0).WithArguments("the repository '@edge https://example.com/edge' contains white space; give the tag with Tag = \"...\" and the URL alone"),
        Verify.Diagnostic("IMG0028").WithLocation(1).WithArguments("write the tag '@x' without the '@'"),
        Verify.Diagnostic("IMG0028").WithLocation(2).WithArguments("the repository tag 'my-tag' may hold only letters and digits"),
        Verify.Diagnostic("IMG0028").WithLocation(3).WithArguments("the repository URL is empty"),
        Verify.Diagnostic("IMG0034").WithLocation(4).WithArguments("the keyring entry is empty; give a key file path or URL"));

    [Fact]
    public Task Bad_runtime_keys_are_reported() => Verify.VerifyAsync($$"""
        using ImageDsl;
        [Image("a")]
        [RuntimeKey({|#0:".hidden"|}, "{{Pem}}")]
        [RuntimeKey("b", {|#1:""|})]
        [RuntimeKey("c", {|#2:"not pem"|})]
        [RuntimeKey({|#3:"b"|}, "{{Pem}}")]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0023").WithLocation(0).WithArguments("runtime key", ".hidden"),
        Verify.Diagnostic("IMG0024").WithLocation(1).WithArguments("the runtime key 'b' has no content"),
        Verify.Diagnostic("IMG0024").WithLocation(2).WithArguments("the runtime key 'c' is not PEM text (no -----BEGIN line)"),
        Verify.Diagnostic("IMG0024").WithLocation(3).WithArguments("the runtime key name 'b' is used more than once"));

    [Fact]
    public Task A_base_image_refuses_paths_but_lets_runtime_settings_override() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [BaseImage("./base")] [{|#0:Directory("/x")|}] [{|#2:Layering(Budget = 2)|}] [Env("A", "1")] [Arch(Arch.Amd64)] public partial class A;
        [Image("b")] [BaseImage({|#1:""|})] public partial class B;
        [Directory("/y")] public abstract class WithPath;
        [Image("c")] [BaseImage({|#3:"./base"|})] [Entrypoint("/app/run")] public partial class C : WithPath;
        """,
        Verify.Diagnostic("IMG0029").WithLocation(0),
        Verify.Diagnostic("IMG0029").WithLocation(2),
        Verify.Diagnostic("IMG0027").WithLocation(1).WithArguments("[BaseImage]", "image (a layout folder) or Reference (a registry reference)"),
        Verify.Diagnostic("IMG0029").WithLocation(3));

    [Fact]
    public Task A_base_image_by_registry_reference_is_accepted_alone_and_refused_beside_a_layout_folder() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [BaseImage(Reference = "127.0.0.1:5000/base:1")] [Arch(Arch.Amd64)] public partial class A;
        [Image("b")] [BaseImage("./base", Reference = {|#0:"127.0.0.1:5000/base:1"|})] [Arch(Arch.Amd64)] public partial class B;
        [Image("c")] [BaseImage(Reference = {|#1:""|})] [Arch(Arch.Amd64)] public partial class C;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0).WithArguments("[BaseImage] names both a layout folder and a registry Reference; give one of them"),
        Verify.Diagnostic("IMG0027").WithLocation(1).WithArguments("[BaseImage]", "image (a layout folder) or Reference (a registry reference)"));
}
