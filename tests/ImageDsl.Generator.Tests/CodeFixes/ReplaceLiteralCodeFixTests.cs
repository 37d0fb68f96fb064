using Microsoft.CodeAnalysis;
using ArchFix = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ArchitectureAnalyzer, ImageDsl.CodeFixes.ReplaceLiteralCodeFix>;
using ModeFix = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.PathsAnalyzer, ImageDsl.CodeFixes.ReplaceLiteralCodeFix>;

namespace ImageDsl.Tests.CodeFixes;

public class ReplaceLiteralCodeFixTests
{
    [Fact]
    public Task Replaces_apk_aliases_and_misspellings_with_canonical_names() => ArchFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch({|#0:"x86_64"|}, {|#1:"arm65"|}, {|#2:"armhf"|})] public partial class A;
        """,
        [
            ArchFix.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("x86_64", "amd64"),
            ArchFix.Diagnostic("IMG0003").WithLocation(1).WithArguments("arm65", "; did you mean 'arm64'?"),
            ArchFix.Diagnostic("IMG0035", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("armhf", "arm/v6"),
        ],
        """
        using ImageDsl;
        [Image("a")] [Arch("amd64", "arm64", "arm/v6")] public partial class A;
        """);

    [Fact]
    public Task An_unrecognisable_architecture_gets_no_fix() => ArchFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Arch({|#0:"sparc"|})] public partial class A;
        """,
        [ArchFix.Diagnostic("IMG0003").WithLocation(0).WithArguments("sparc", "")],
        """
        using ImageDsl;
        [Image("a")] [Arch({|#0:"sparc"|})] public partial class A;
        """,
        [ArchFix.Diagnostic("IMG0003").WithLocation(0).WithArguments("sparc", "")]);

    [Fact]
    public Task Fixes_permissions_to_octal_with_a_leading_zero() => ModeFix.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [Directory("/a", Mode = {|#0:"755"|})]
        [Directory("/b", Mode = {|#1:"rwxr-x---"|})]
        [Directory("/c", Mode = {|#2:"drwxrwxrwt"|})]
        [Directory("/d", Mode = {|#3:"0x644"|})]
        [Directory("/e", Mode = {|#4:"4755"|})]
        [Directory("/f", Mode = {|#5:"493"|})]
        [Directory("/g", Mode = "0o750")]
        public partial class A;
        """,
        [
            ModeFix.Diagnostic("IMG0036", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("755", "0755"),
            ModeFix.Diagnostic("IMG0016").WithLocation(1).WithArguments("rwxr-x---"),
            ModeFix.Diagnostic("IMG0016").WithLocation(2).WithArguments("drwxrwxrwt"),
            ModeFix.Diagnostic("IMG0016").WithLocation(3).WithArguments("0x644"),
            ModeFix.Diagnostic("IMG0036", DiagnosticSeverity.Warning).WithLocation(4).WithArguments("4755", "04755"),
            ModeFix.Diagnostic("IMG0016").WithLocation(5).WithArguments("493"),
        ],
        """
        using ImageDsl;
        [Image("a")]
        [Directory("/a", Mode = "0755")]
        [Directory("/b", Mode = "0750")]
        [Directory("/c", Mode = "01777")]
        [Directory("/d", Mode = "0644")]
        [Directory("/e", Mode = "04755")]
        [Directory("/f", Mode = "0755")]
        [Directory("/g", Mode = "0o750")]
        public partial class A;
        """);
}
