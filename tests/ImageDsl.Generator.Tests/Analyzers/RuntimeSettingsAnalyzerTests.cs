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

    [Fact]
    public Task Layer_compression_levels_in_range_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [LayerCompression(Compression.Gzip, Level = 1)] public partial class A;
        [Image("b")] [LayerCompression(Compression.Gzip, Level = 9)] public partial class B;
        [Image("c")] [LayerCompression(Compression.Zstd, Level = 19)] public partial class C;
        [Image("d")] [LayerCompression(Compression.Zstd)] public partial class D;
        """);

    [Fact]
    public Task A_layer_compression_level_out_of_range_is_reported_at_the_level() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [LayerCompression(Compression.Gzip, Level = {|#0:10|})] public partial class A;
        [Image("b")] [LayerCompression(Compression.Zstd, Level = {|#1:20|})] public partial class B;
        [Image("c")] [LayerCompression(Compression.Zstd, Level = {|#2:0|})] public partial class C;
        [LayerCompression(Compression.Gzip, Level = {|#3:-1|})] public abstract class Fragment;
        """,
        Verify.Diagnostic("IMG0045").WithLocation(0).WithArguments("the gzip level 10 is outside gzip's levels 1-9"),
        Verify.Diagnostic("IMG0045").WithLocation(1).WithArguments("the zstd level 20 is outside zstd's levels 1-19"),
        Verify.Diagnostic("IMG0045").WithLocation(2).WithArguments("the zstd level 0 is outside zstd's levels 1-19"),
        Verify.Diagnostic("IMG0045").WithLocation(3).WithArguments("the gzip level -1 is outside gzip's levels 1-9"));

    [Fact]
    public Task A_layer_compression_outside_the_enum_is_reported_at_the_algorithm() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [LayerCompression({|#0:(Compression)7|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0045").WithLocation(0).WithArguments("the layer compression is not a member of Compression; use Compression.Gzip or Compression.Zstd"));
}
