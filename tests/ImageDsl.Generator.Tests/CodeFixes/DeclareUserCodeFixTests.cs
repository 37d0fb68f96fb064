using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.AccountsAnalyzer, ImageDsl.CodeFixes.DeclareUserCodeFix>;

namespace ImageDsl.Tests.CodeFixes;

public class DeclareUserCodeFixTests
{
    [Fact]
    public Task Declares_the_run_as_user_with_the_nonroot_uid() => Verify.VerifyAsync("""
        using ImageDsl;

        [Image("a")]
        [RunAs({|#0:"app"|})]
        public partial class A;
        """,
        [Verify.Diagnostic("IMG0009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("app")],
        """
        using ImageDsl;

        [Image("a")]
        [RunAs("app")]
        [User("app", Uid = 65532)]
        public partial class A;
        """);

    [Fact]
    public Task Picks_a_free_uid_and_keeps_qualified_names() => Verify.VerifyAsync("""
        [ImageDsl.Image("a")]
        [ImageDsl.User("nonroot", Uid = 65532)]
        [ImageDsl.RunAs({|#0:"app"|})]
        public partial class A;
        """,
        [Verify.Diagnostic("IMG0009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("app")],
        """
        [ImageDsl.Image("a")]
        [ImageDsl.User("nonroot", Uid = 65532)]
        [ImageDsl.RunAs("app")]
        [ImageDsl.User("app", Uid = 65533)]
        public partial class A;
        """);
}
