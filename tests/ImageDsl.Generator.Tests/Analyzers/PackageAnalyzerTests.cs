using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.PackageAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class PackageAnalyzerTests
{
    [Fact]
    public Task Valid_constraints_and_declared_pins_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Repository("https://example.com/main")]
        [BuildRepository("./local", Tag = "local")]
        [Package("busybox", "nginx>=1.24", "curl=8.5.0-r0", "py3~3.12", "!musl-dev", "tool@local")]
        public partial class A;
        """);

    [Fact]
    public Task A_malformed_constraint_is_reported_at_that_argument() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("busybox", {|#0:"nginx >= 1.24"|}, {|#1:"curl=latest"|}, {|#2:""|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0004").WithLocation(0).WithArguments("'nginx >= 1.24' contains a space; write one package per entry"),
        Verify.Diagnostic("IMG0004").WithLocation(1).WithArguments("'curl=latest' has the version 'latest', which is not an apk version (e.g. 1.2.3-r0, 2.0_rc1, 1.7b)"),
        Verify.Diagnostic("IMG0004").WithLocation(2).WithArguments("the package constraint is empty"));

    [Fact]
    public Task A_duplicate_package_is_a_warning_on_the_later_entry() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("busybox", "curl")] [Package({|#0:"curl>=8"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("curl"));

    [Fact]
    public Task A_package_repeating_a_base_class_package_is_blamed_on_the_derived_class() => Verify.VerifyAsync("""
        using ImageDsl;
        [Package("busybox")] public abstract class Base;
        [Image("a")] [Package({|#0:"busybox"|})] public partial class A : Base;
        """,
        Verify.Diagnostic("IMG0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("busybox"));

    [Fact]
    public Task A_pin_to_an_undeclared_tag_is_an_error() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Repository("https://example.com/main", Tag = "main")]
        [RuntimeRepository("https://example.com/edge", Tag = "edge")]
        [Package({|#0:"nginx@edge"|})]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0017").WithLocation(0).WithArguments("nginx@edge", "edge"));

    [Fact]
    public Task A_pin_declared_by_a_deriving_image_is_fine_on_the_base() => Verify.VerifyAsync("""
        using ImageDsl;
        [Package("nginx@edge")] public abstract class Base;
        [Image("a")] [Repository("https://example.com/edge", Tag = "edge")] public partial class A : Base;
        """);

    [Fact]
    public Task A_pin_inherited_without_its_repository_is_reported_on_the_image() => Verify.VerifyAsync("""
        using ImageDsl;
        [Package("nginx@edge")] public abstract class Base;
        [{|#0:Image("a")|}] public partial class A : Base;
        """,
        Verify.Diagnostic("IMG0017").WithLocation(0).WithArguments("nginx@edge", "edge"));
}
