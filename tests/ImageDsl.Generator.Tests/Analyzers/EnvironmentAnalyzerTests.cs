using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.EnvironmentAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class EnvironmentAnalyzerTests
{
    [Fact]
    public Task Valid_names_and_keys_and_overrides_of_a_base_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Env("PATH", "/bin")] [Annotation("org.example.a", "1")] public abstract class Base;
        [Image("a")] [Env("PATH", "/usr/bin:/bin")] [Env("_X1", "")] [Annotation("org.example.a", "2")] public partial class A : Base;
        """);

    [Fact]
    public Task Invalid_environment_names_are_errors() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Env({|#0:"1ST"|}, "x")] [Env({|#1:"MY-VAR"|}, "x")] public partial class A;
        """,
        Verify.Diagnostic("IMG0018").WithLocation(0).WithArguments("1ST"),
        Verify.Diagnostic("IMG0018").WithLocation(1).WithArguments("MY-VAR"));

    [Fact]
    public Task Annotation_keys_outside_apkos_flag_pattern_are_warnings() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Annotation({|#0:"Org.Example"|}, "x")] [Annotation({|#1:"a b"|}, "x")] public partial class A;
        """,
        Verify.Diagnostic("IMG0019", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Org.Example"),
        Verify.Diagnostic("IMG0019", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("a b"));

    [Fact]
    public Task A_key_set_twice_in_one_class_is_an_error() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Env("A", "1")] [Env({|#0:"A"|}, "2")] [Annotation("k", "1")] [Annotation({|#1:"k"|}, "2")] public partial class A;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0).WithArguments("the environment variable 'A' is set more than once in this class"),
        Verify.Diagnostic("IMG0034").WithLocation(1).WithArguments("the annotation 'k' is set more than once in this class"));
}
