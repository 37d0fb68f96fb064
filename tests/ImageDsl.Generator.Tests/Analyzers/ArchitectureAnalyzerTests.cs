using ImageDsl.Generator.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ArchitectureAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class ArchitectureAnalyzerTests
{
    [Fact]
    public Task Enum_members_and_canonical_names_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch(Arch.Amd64, Arch.ArmV7)] public partial class A;
        [Image("b")] [Arch("amd64", "arm/v7", "s390x")] public partial class B;
        """);

    [Fact]
    public Task A_misspelt_name_is_an_error_that_suggests_the_closest_name() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch("amd64", {|#0:"amd65"|}, {|#1:"sparc"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0003").WithLocation(0).WithArguments("amd65", "; did you mean 'amd64'?"),
        Verify.Diagnostic("IMG0003").WithLocation(1).WithArguments("sparc", ""));

    [Fact]
    public Task An_apk_alias_is_a_warning_naming_the_canonical_name() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch({|#0:"x86_64"|}, {|#1:"aarch64"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("x86_64", "amd64"),
        Verify.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("aarch64", "arm64"));

    [Fact]
    public Task An_undefined_enum_value_is_an_error() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch(Arch.Amd64, {|#0:(Arch)42|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0003").WithLocation(0).WithArguments("(Arch)42", "; use a member of the Arch enum"));

    [Fact]
    public Task Names_in_an_array_argument_are_located_precisely() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch(new[] { "amd64", {|#0:"armv7"|} })] public partial class A;
        """,
        Verify.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("armv7", "arm/v7"));
}
