using Microsoft.CodeAnalysis;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.AccountsAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class AccountsAnalyzerTests
{
    [Fact]
    public Task Valid_accounts_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")]
        [User("app", Uid = 10000, Gid = 0)]
        [User("helper", Uid = 10001)]
        [Group("app", Gid = 10000, Members = ["app", "helper"])]
        [RunAs("app")]
        public partial class A;
        [Image("b")] [RunAs(0)] public partial class B;
        [Image("c")] [RunAs("65532")] public partial class C;
        """);

    [Fact]
    public Task Uid_zero_is_refused_with_advice_to_run_as_0() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [User("root2", Uid = {|#0:0|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0006").WithLocation(0).WithArguments("root2"));

    [Fact]
    public Task Missing_ids_and_names_are_reported() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [User({|#0:"app"|})] [Group({|#1:"grp"|})] [User({|#2:""|}, Uid = 5)] public partial class A;
        """,
        Verify.Diagnostic("IMG0027").WithLocation(0).WithArguments("user 'app'", "uid"),
        Verify.Diagnostic("IMG0027").WithLocation(1).WithArguments("group 'grp'", "gid"),
        Verify.Diagnostic("IMG0027").WithLocation(2).WithArguments("[User]", "username"));

    [Fact]
    public Task Duplicate_names_and_ids_are_reported_on_the_later_declaration() => Verify.VerifyAsync("""
        using ImageDsl;
        [User("app", Uid = 1000)] [Group("app", Gid = 1000)] public abstract class Base;
        [Image("a")]
        [User({|#0:"app"|}, Uid = 2000)]
        [User("other", Uid = {|#1:1000|})]
        [Group({|#2:"app"|}, Gid = 3000)]
        [Group("other", Gid = {|#3:1000|})]
        public partial class A : Base;
        """,
        Verify.Diagnostic("IMG0007").WithLocation(0).WithArguments("'app'"),
        Verify.Diagnostic("IMG0007").WithLocation(1).WithArguments("with uid 1000"),
        Verify.Diagnostic("IMG0008").WithLocation(2).WithArguments("'app'"),
        Verify.Diagnostic("IMG0008").WithLocation(3).WithArguments("with gid 1000"));

    [Fact]
    public Task Run_as_must_name_a_declared_user_or_a_uid() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [User("app", Uid = 1000)] [RunAs({|#0:"ap"|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("ap"));

    [Fact]
    public Task Run_as_completed_by_a_derived_image_is_fine_on_the_base() => Verify.VerifyAsync("""
        using ImageDsl;
        [RunAs("app")] public abstract class Base;
        [Image("a")] [User("app", Uid = 1000)] public partial class A : Base;
        """);

    [Fact]
    public Task Group_members_must_be_users() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [User("app", Uid = 1000)] [Group("g", Gid = 1000, Members = ["app", {|#0:"ghost"|}])] public partial class A;
        """,
        Verify.Diagnostic("IMG0010", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("g", "ghost"));

    [Fact]
    public Task Ids_must_fit_in_32_bits() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] [User("app", Uid = {|#0:5000000000|}, Gid = {|#1:-7|})] public partial class A;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0).WithArguments("uid 5000000000 is out of range; use 0..4294967295 (or leave it unset)"),
        Verify.Diagnostic("IMG0034").WithLocation(1).WithArguments("gid -7 is out of range; use 0..4294967295 (or leave it unset)"));
}
