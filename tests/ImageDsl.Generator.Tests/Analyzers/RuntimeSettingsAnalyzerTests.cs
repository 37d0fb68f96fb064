using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.RuntimeSettingsAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class RuntimeSettingsAnalyzerTests
{
    [Fact]
    public Task Valid_settings_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [WorkDir("/app")] [StopSignal("SIGQUIT")] [Layering(Budget = 3)] [Format("tar")] [Volume("/data")] public partial class A;
        [Image("b")] [StopSignal("TERM")] [Include("base.yaml")] public partial class B;
        [Image("c")] [StopSignal("SIGRTMIN+3")] public partial class C;
        """);

    [Fact]
    public Task Work_dir_must_be_absolute() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [WorkDir({|#0:"app"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0013").WithLocation(0).WithArguments("app"));

    [Fact]
    public Task Stop_signal_must_be_a_signal() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [StopSignal({|#0:"SIGSTOPP"|})] public partial class A;
        [Image("b")] [StopSignal({|#1:"99"|})] public partial class B;
        """,
        Verify.Diagnostic("IMG0014").WithLocation(0).WithArguments("SIGSTOPP"),
        Verify.Diagnostic("IMG0014").WithLocation(1).WithArguments("99"));

    [Fact]
    public Task Layering_needs_the_origin_strategy_and_a_budget() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [{|#0:Layering|}] public partial class A;
        [Image("b")] [Layering(Strategy = {|#1:"size"|}, Budget = {|#2:0|})] public partial class B;
        """,
        Verify.Diagnostic("IMG0025").WithLocation(0).WithArguments("the layering budget must be at least 1 (without [Layering] the image has one layer)"),
        Verify.Diagnostic("IMG0025").WithLocation(1).WithArguments("the layering strategy 'size' is unknown; the only strategy is origin"),
        Verify.Diagnostic("IMG0025").WithLocation(2).WithArguments("the layering budget must be at least 1 (without [Layering] the image has one layer)"));

    [Fact]
    public Task Only_tar_is_a_format() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Format({|#0:"erofs"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0026").WithLocation(0).WithArguments("erofs"));
}
