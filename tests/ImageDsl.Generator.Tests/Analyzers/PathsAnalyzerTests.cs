using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.PathsAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class PathsAnalyzerTests
{
    [Fact]
    public Task Valid_paths_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Directory("/data", Mode = "0755", Uid = 1000, Gid = 1000, Recursive = true)]
        [EmptyFile("/data/x", Mode = "0o644")]
        [Symlink("/bin/sh", "/bin/busybox")]
        [Hardlink("/bin/ash", "/bin/busybox")]
        [Permissions("/tmp", Mode = "01777")]
        [Permissions("/none", Mode = "0")]
        public partial class A;
        """);

    [Fact]
    public Task Links_need_a_source() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Symlink("/bin/sh", {|#0:""|})] [Hardlink("/bin/ash", {|#1:null!|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0015").WithLocation(0).WithArguments("symlink", "/bin/sh"),
        Verify.Diagnostic("IMG0015").WithLocation(1).WithArguments("hardlink", "/bin/ash"));

    [Fact]
    public Task Mode_must_be_octal() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Directory("/a", Mode = {|#0:"rwxr-xr-x"|})]
        [Directory("/b", Mode = {|#1:"0758"|})]
        [Directory("/c", Mode = {|#2:"077777"|})]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0016").WithLocation(0).WithArguments("rwxr-xr-x"),
        Verify.Diagnostic("IMG0016").WithLocation(1).WithArguments("0758"),
        Verify.Diagnostic("IMG0016").WithLocation(2).WithArguments("077777"));

    [Fact]
    public Task Mode_without_a_leading_zero_is_a_warning() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Directory("/a", Mode = {|#0:"755"|})] [Permissions("/tmp", Mode = {|#1:"1777"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0036", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("755", "0755"),
        Verify.Diagnostic("IMG0036", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("1777", "01777"));

    [Fact]
    public Task Empty_paths_and_out_of_range_owners_are_errors() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Directory({|#0:""|})] [Permissions("/x", Uid = {|#1:-2|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0027").WithLocation(0).WithArguments("the directory entry", "path"),
        Verify.Diagnostic("IMG0034").WithLocation(1).WithArguments("the owner id -2 is out of range; use 0..4294967295 (or leave it unset)"));
}
