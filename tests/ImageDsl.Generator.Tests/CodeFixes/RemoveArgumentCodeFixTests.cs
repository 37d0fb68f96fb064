using Microsoft.CodeAnalysis;
using RemoveFix = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ArchitectureAnalyzer, ImageDsl.CodeFixes.RemoveArgumentCodeFix>;
using ReplaceFix = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ArchitectureAnalyzer, ImageDsl.CodeFixes.ReplaceLiteralCodeFix>;

namespace ImageDsl.Tests.CodeFixes;

/// <summary>IMG0039: a repeated architecture, and the alias fix that used to produce one.</summary>
public class RemoveArgumentCodeFixTests
{
    [Fact]
    public Task Removes_a_repeated_enum_member() => RemoveFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch(Arch.Amd64, Arch.Arm64, {|#0:Arch.Amd64|})] public partial class A;
        """,
        [RemoveFix.Diagnostic("IMG0039", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("amd64", "")],
        """
        using ImageDsl;
        [Image("a")] [Arch(Arch.Amd64, Arch.Arm64)] public partial class A;
        """);

    [Fact]
    public Task Removes_a_repeated_name_in_a_collection_expression() => RemoveFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch(["arm64", {|#0:"arm64"|}])] public partial class A;
        """,
        [RemoveFix.Diagnostic("IMG0039", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("arm64", "")],
        """
        using ImageDsl;
        [Image("a")] [Arch(["arm64"])] public partial class A;
        """);

    [Fact]
    public Task The_oci_name_after_its_apk_alias_is_the_duplicate_and_the_alias_gets_no_fix_that_would_repeat_it() => ReplaceFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch({|#0:"x86_64"|}, {|#1:"amd64"|}, "arm64", {|#2:"arm65"|})] public partial class A;
        """,
        [
            ReplaceFix.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("x86_64", "amd64"),
            ReplaceFix.Diagnostic("IMG0039", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("amd64", " as 'x86_64'"),
            ReplaceFix.Diagnostic("IMG0003").WithLocation(2).WithArguments("arm65", "; did you mean 'arm64'?"),
        ],
        """
        using ImageDsl;
        [Image("a")] [Arch({|#0:"x86_64"|}, {|#1:"amd64"|}, "arm64", {|#2:"arm65"|})] public partial class A;
        """,
        [
            ReplaceFix.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("x86_64", "amd64"),
            ReplaceFix.Diagnostic("IMG0039", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("amd64", " as 'x86_64'"),
            ReplaceFix.Diagnostic("IMG0003").WithLocation(2).WithArguments("arm65", "; did you mean 'arm64'?"),
        ]);
}
