using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.IncludeAnalyzer>;
using VerifyAccounts = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.AccountsAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class IncludeAnalyzerTests
{
    [Fact]
    public Task Fragments_that_agree_or_set_different_things_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [User("app", Uid = 1000)] [RunAs("app")] [Env("TZ", "UTC")] public abstract class NonRoot;
        [Package("tzdata")] [Env("TZ", "UTC")] [WorkDir("/app")] public abstract class Hardened;
        [Include(typeof(NonRoot))] public abstract class Both;
        [Image("a")] [Include(typeof(NonRoot))] [Include(typeof(Hardened))] [Include(typeof(Both))] public partial class A;
        """);

    [Fact]
    public Task Fragments_setting_one_value_differently_are_reported_at_the_image_and_both_fragments() => Verify.VerifyAsync("""
        using ImageDsl;
        [RunAs({|#1:"app"|})] [Env({|#4:"TZ"|}, "UTC")] public abstract class NonRoot;
        [RunAs({|#2:"65532"|})] [Env({|#5:"TZ"|}, "Europe/Paris")] public abstract class Other;
        [Image("a")] [Include(typeof(NonRoot))] [Include({|#0:typeof(Other)|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0038", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("NonRoot", "Other", "run-as", "'app'", "'65532'"),
        Verify.Diagnostic("IMG0038", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(4).WithLocation(5)
            .WithArguments("NonRoot", "Other", "the environment variable 'TZ'", "'UTC'", "'Europe/Paris'"));

    [Fact]
    public Task Fragments_choosing_different_layer_compressions_conflict() => Verify.VerifyAsync("""
        using ImageDsl;
        [{|#1:LayerCompression(Compression.Zstd)|}] public abstract class Fast;
        [{|#2:LayerCompression(Compression.Gzip, Level = 6)|}] public abstract class Small;
        [LayerCompression(Compression.Zstd)] public abstract class AlsoFast;
        [Image("a")] [Include(typeof(Fast))] [Include({|#0:typeof(Small)|})] public partial class A;
        [Image("b")] [Include(typeof(Fast))] [Include(typeof(AlsoFast))] public partial class B;
        """,
        Verify.Diagnostic("IMG0038", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Fast", "Small", "[LayerCompression]", "'zstd'", "'gzip:6'"));

    [Fact]
    public Task The_including_class_settles_a_conflict_by_setting_the_value() => Verify.VerifyAsync("""
        using ImageDsl;
        [Entrypoint("/a")] public abstract class First;
        [Entrypoint("/b")] public abstract class Second;
        [Image("a")] [Include(typeof(First))] [Include(typeof(Second))] [Entrypoint("/c")] public partial class A;
        """);

    [Fact]
    public Task A_class_reached_again_through_its_fragments_is_a_cycle() => Verify.VerifyAsync("""
        using ImageDsl;
        [Include({|#0:typeof(B)|})] [Package("a")] public abstract class A;
        [Include({|#1:typeof(A)|})] [Package("b")] public abstract class B;
        [Image("self")] [Include({|#2:typeof(Self)|})] public partial class Self;
        """,
        Verify.Diagnostic("IMG0021").WithLocation(0).WithArguments("A -> B -> A"),
        Verify.Diagnostic("IMG0021").WithLocation(1).WithArguments("B -> A -> B"),
        Verify.Diagnostic("IMG0021").WithLocation(2).WithArguments("Self -> Self"));

    [Fact]
    public Task Only_classes_with_attributes_and_one_yaml_file_can_be_included() => Verify.VerifyAsync("""
        using ImageDsl;
        public interface INothing;
        public abstract class Empty;
        [Image("a")]
        [Include("base.yaml")] [Include({|#0:"other.yaml"|})]
        [Include({|#1:typeof(INothing)|})] [Include({|#2:typeof(Empty)|})]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0)
            .WithArguments("only one apko.yaml can be included per class (apko's include is a single file); share C# declarations with [Include(typeof(Fragment))]"),
        Verify.Diagnostic("IMG0034").WithLocation(1).WithArguments("'INothing' cannot be included: a fragment is a class carrying ImageDsl attributes"),
        Verify.Diagnostic("IMG0034").WithLocation(2).WithArguments("'Empty' has no ImageDsl attributes, so including it adds nothing"));

    [Fact]
    public Task A_user_declared_by_two_fragments_is_a_duplicate_reported_at_the_later_include() => VerifyAccounts.VerifyAsync("""
        using ImageDsl;
        [User("app", Uid = 1000)] public abstract class First;
        [User("app", Uid = 2000)] public abstract class Second;
        [Include(typeof(First))] public abstract class Shared;
        [Image("a")] [Include(typeof(First))] [Include({|#0:typeof(Second)|})] [Include(typeof(Shared))] public partial class A;
        """,
        VerifyAccounts.Diagnostic("IMG0007").WithLocation(0).WithArguments("'app'"));
}
