using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.EntrypointAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class EntrypointAnalyzerTests
{
    [Fact]
    public Task Services_alone_or_a_command_alone_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Service("web", "/usr/bin/web")] [Service("cron", "/usr/sbin/crond -f")] public partial class A;
        [Image("b")] [Entrypoint("/usr/bin/b")] [Cmd("--help")] public partial class B;
        [Image("c")] [Entrypoint(Type = "service-bundle")] [Service("web", "/usr/bin/web")] public partial class C;
        """);

    [Fact]
    public Task A_service_bundle_without_services_is_reported_on_the_image_that_ends_up_with_it() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("c")] [Entrypoint(Type = {|#0:"service-bundle"|})] public partial class C;
        [Entrypoint(Type = "service-bundle")] public abstract class Bundle;
        [{|#1:Image("e")|}] [Include(typeof(Bundle))] public partial class E;
        [Image("f")] [Service("web", "/usr/bin/web")] public partial class F : Bundle;
        """,
        Verify.Diagnostic("IMG0040", DiagnosticSeverity.Warning).WithLocation(0),
        Verify.Diagnostic("IMG0040", DiagnosticSeverity.Warning).WithLocation(1));

    [Fact]
    public Task A_command_or_shell_fragment_beside_services_is_an_error() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Entrypoint({|#0:"/usr/bin/a"|})] [Service("web", "/usr/bin/web")] public partial class A;
        [Image("b")] [ShellFragment({|#1:"echo hi"|})] [Entrypoint(Type = {|#2:"service-bundle"|})] public partial class B;
        """,
        Verify.Diagnostic("IMG0012").WithLocation(0),
        Verify.Diagnostic("IMG0012").WithLocation(1),
        Verify.Diagnostic("IMG0040", DiagnosticSeverity.Warning).WithLocation(2));

    [Fact]
    public Task Service_names_are_file_names_and_unique() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Service({|#0:"../etc"|}, "x")] [Service("web", "x")] [Service({|#1:"web"|}, "y")] public partial class A;
        """,
        Verify.Diagnostic("IMG0023").WithLocation(0).WithArguments("service", "../etc"),
        Verify.Diagnostic("IMG0034").WithLocation(1).WithArguments("the service 'web' is declared more than once"));

    [Fact]
    public Task Only_service_bundle_is_a_type() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Entrypoint("/bin/a", Type = {|#0:"exec"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0).WithArguments("the entrypoint type 'exec' is unknown; the only type is service-bundle"));
}
