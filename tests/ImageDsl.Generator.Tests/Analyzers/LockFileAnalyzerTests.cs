using ImageDsl.Generator.Diagnostics.Analyzers;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ImageDsl.Tests.Analyzers;

/// <summary>Offline package checks against lock files given as AdditionalFiles (IMG0030, IMG0031; IMG0034 for a bad file).</summary>
public class LockFileAnalyzerTests
{
    [Fact]
    public Task Locked_packages_raise_nothing() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx", "ca-certificates-bundle>=2024", "!busybox", "so:libc.so.6", "cmd:sh")] public partial class Web;
        """,
        [("web.lock.json", Lock(("nginx", "1.24.0-r3", "x86_64"), ("ca-certificates-bundle", "20241121-r1", "x86_64")))]);

    [Fact]
    public Task A_package_missing_from_the_lock_is_a_warning_with_a_suggestion() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package({|#0:"ngnix"|}, {|#1:"openssl>=3"|})] public partial class Web;
        """,
        [("web.lock.json", Lock(("nginx", "1.24.0-r3", "x86_64"), ("wolfi-baselayout", "20230201-r7", "x86_64")))],
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("ngnix", " web.lock.json; did you mean 'nginx'?"),
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("openssl", " web.lock.json"));

    [Fact]
    public Task A_constraint_the_locked_version_does_not_satisfy_is_an_error_naming_the_arch() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package({|#0:"nginx>=1.26"|}, "curl=8.5.0-r0")] public partial class Web;
        """,
        [("web.lock.json", Lock(("nginx", "1.26.1-r0", "x86_64"), ("nginx", "1.24.0-r3", "aarch64"), ("curl", "8.5.0-r0", "x86_64")))],
        Diagnostic("IMG0031").WithLocation(0).WithArguments("nginx>=1.26", "1.24.0-r3 (aarch64, web.lock.json)"));

    [Fact]
    public Task Services_need_s6_in_the_lock() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx")] [Service({|#0:"nginx"|}, "/usr/sbin/nginx")] public partial class Web;
        [Service("cron", "/usr/sbin/crond -f")] public abstract class Cron;
        [Image("cron")] [Package("busybox")] public partial class CronImage : Cron;
        """,
        [("web.lock.json", Lock(("nginx", "1.24.0-r3", "x86_64"))), ("cron.lock.json", Lock(("busybox", "1.36.1-r0", "x86_64"), ("s6", "2.12.0.2-r0", "x86_64")))],
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("s6", " web.lock.json; the service bundle needs it to supervise the services"));

    /// <summary>apk version order (numbers as integers, letters, pre- and post-release suffixes, revisions) and apko's fuzzy ~.</summary>
    [Theory]
    [InlineData("pkg>=1.9", "1.10", true)]
    [InlineData("pkg<1.10", "1.9.9", true)]
    [InlineData("pkg>1.2", "1.2_rc1", false)]
    [InlineData("pkg<1.2", "1.2_rc1", true)]
    [InlineData("pkg>1.2", "1.2_p1", true)]
    [InlineData("pkg>1.2", "1.2a", true)]
    [InlineData("pkg>1.2_alpha2", "1.2_beta1", true)]
    [InlineData("pkg>1.2-r9", "1.2-r10", true)]
    [InlineData("pkg=1.2", "1.02", true)]
    [InlineData("pkg=1.2", "1.2-r1", false)]
    [InlineData("pkg<=1.2-r1", "1.2-r1", true)]
    [InlineData("pkg>=100000000000000000000", "99999999999999999999", false)]
    [InlineData("pkg~1.2", "1.2.5-r3", true)]
    [InlineData("pkg~1.2", "1.3.0", false)]
    [InlineData("pkg=~1.2-r1", "1.2-r2", false)]
    [InlineData("pkg~1.2-r1", "1.2-r1", true)]
    [InlineData("pkg~1.2.3", "1.2", false)]
    [InlineData("pkg@edge", "0.1", true)]
    // apk-tools 3's fuzzy bounds: the same meaning as in the resolver (VersionConstraintTests, ResolverApkSemanticsTests).
    [InlineData("pkg<~1.2", "1.2.5", true)]
    [InlineData("pkg<~1.2", "1.1", true)]
    [InlineData("pkg<~1.2", "1.3", false)]
    [InlineData("pkg>~1.2", "1.2_rc1", true)]
    [InlineData("pkg>~1.2", "1.1.9", false)]
    public Task Versions_compare_as_apko_compares_them(string constraint, string locked, bool satisfied)
    {
        string source = $$"""
            using ImageDsl;
            [Image("a")] [Repository("https://example.com/edge", Tag = "edge")] [Package({|#0:"{{constraint}}"|})] public partial class A;
            """;
        var lockFile = ("a.lock.json", Lock(("pkg", locked, "x86_64")));
        return satisfied
            ? VerifyAsync(source, [lockFile])
            : VerifyAsync(source, [lockFile], Diagnostic("IMG0031").WithLocation(0).WithArguments(constraint, $"{locked} (x86_64, a.lock.json)"));
    }

    [Fact]
    public Task An_image_uses_its_own_lock_file_else_the_lock_files_not_named_after_an_image() => VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("only-in-a", {|#0:"only-in-shared"|})] public partial class A;
        [Image("b")] [Package("only-in-shared")] public partial class B;
        [Image("c")] [Package({|#1:"only-in-a"|})] public partial class C;
        """,
        [("a.lock.json", Lock(("only-in-a", "1.0-r0", "x86_64"))), ("images.lock.json", Lock(("only-in-shared", "1.0-r0", "x86_64")))],
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("only-in-shared", " a.lock.json"),
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("only-in-a", " images.lock.json"));

    [Fact]
    public Task A_lock_file_named_after_another_image_does_not_apply() => VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("curl")] public partial class A;
        [Image("b")] [Package("anything")] public partial class B;
        """,
        [("a.lock.json", Lock(("curl", "8.5.0-r0", "x86_64"))), ("notes.json", "not a lock file")]);

    [Fact]
    public Task An_inherited_package_is_reported_on_the_image_and_fragments_are_not_checked() => VerifyAsync("""
        using ImageDsl;
        [Package("curl")] public abstract class Base;
        [{|#0:Image("a")|}] [Package("busybox")] public partial class A : Base;
        """,
        [("a.lock.json", Lock(("busybox", "1.36.1-r0", "x86_64"), ("curk", "1", "x86_64")))],
        Diagnostic("IMG0030", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("curl", " a.lock.json; did you mean 'curk'?"));

    [Fact]
    public Task A_lock_file_that_cannot_be_read_is_reported_where_it_breaks_and_checks_nothing() => VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("curl")] public partial class A;
        """,
        [("a.lock.json", "{\n  \"version\": \"v1\",\n  \"contents\": { \"packages\": [ {\"name\": \"curl\" \"version\": \"1\"} ] }\n}\n")],
        Diagnostic("IMG0034").WithSpan("a.lock.json", 3, 47, 3, 47).WithArguments("the lock file a.lock.json cannot be used: expected ',' but found '\"'"));

    [Fact]
    public Task A_lock_file_of_another_format_version_is_refused() => VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package("curl")] public partial class A;
        """,
        [("a.lock.json", "{\"version\": \"v2\", \"contents\": {\"packages\": []}}")],
        Diagnostic("IMG0034").WithSpan("a.lock.json", 1, 1, 1, 1).WithArguments("the lock file a.lock.json cannot be used: unsupported lock file version \"v2\"; expected \"v1\""));

    private static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new(id, severity);

    /// <summary>A lock file as apko writes it (format v1), reduced to what the check reads plus typical fields.</summary>
    private static string Lock(params (string Name, string Version, string Arch)[] packages) =>
        "{\n  \"version\": \"v1\",\n  \"config\": {\"name\": \"apko.yaml\", \"checksum\": \"sha256-x\"},\n  \"contents\": {\n    \"keyring\": [],\n    \"packages\": [\n" +
        string.Join(",\n", packages.Select(p =>
            $"      {{\"name\": \"{p.Name}\", \"url\": \"https://example.com/{p.Arch}/{p.Name}-{p.Version}.apk\", \"version\": \"{p.Version}\", " +
            $"\"architecture\": \"{p.Arch}\", \"signature\": {{\"range\": \"bytes=0-10\", \"checksum\": \"sha1-x\"}}, \"checksum\": \"Q1x\"}}")) +
        "\n    ]\n  }\n}\n";

    private static async Task VerifyAsync(string source, (string Name, string Text)[] additionalFiles, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<LockFileAnalyzer, DefaultVerifier> { TestCode = source };
        OfflineReferences.Apply(test.TestState);
        foreach (var (name, text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((name, text));
        }
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
