using ImageDsl.Generator.Diagnostics.Analyzers;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ImageDsl.Tests.Analyzers;

/// <summary>IMG0044: the image's own lock file (its compiled plan) no longer matches the declared packages.</summary>
public class LockOutOfDateTests
{
    private static readonly (string Name, string Version, string Arch, string Url, string Checksum)[] Locked =
    [
        ("nginx", "1.24.0-r3", "x86_64", "https://packages.example/os/x86_64/nginx-1.24.0-r3.apk", "Q1a="),
        ("pcre", "8.45-r3", "x86_64", "https://packages.example/os/x86_64/pcre-8.45-r3.apk", "Q1b="),
        ("curl", "8.5.0-r0", "x86_64", "https://packages.example/os/x86_64/curl-8.5.0-r0.apk", "Q1c="),
    ];

    [Fact]
    public Task A_declaration_that_matches_the_lock_raises_nothing() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx", "curl")] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(["nginx", "curl"], Locked));

    [Fact]
    public Task A_declared_package_the_lock_was_made_without_is_reported_on_its_package_attribute() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx", "curl", {|#0:"pcre"|}, {|#1:"openssl"|})] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(["nginx", "curl"], Locked),
        Warning(0, "'pcre' is declared but the lock was made without it"),
        Warning(1, "'openssl' is declared but the lock was made without it"));

    [Fact]
    public Task A_locked_top_level_package_no_longer_declared_is_reported_on_the_image() => VerifyAsync("""
        using ImageDsl;
        [{|#0:Image("web")|}] [Package("nginx")] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(["nginx", "curl>=8"], Locked),
        Warning(0, "it locks 'curl', which the image no longer declares"));

    [Fact]
    public Task A_misspelt_package_is_reported_with_the_locked_name_it_may_mean() => VerifyAsync("""
        using ImageDsl;
        [{|#1:Image("web")|}] [Package({|#0:"ngnix"|}, "curl")] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(["nginx", "curl"], Locked),
        Warning(0, "'ngnix' is declared but the lock was made without it (did you mean 'nginx'?)"),
        Warning(1, "it locks 'nginx', which the image no longer declares"));

    [Fact]
    public Task A_service_bundle_s6_declared_explicitly_is_not_reported() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx", "s6")] [Service("nginx", "/usr/sbin/nginx")] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(["nginx"], [.. Locked, ("s6", "2.12.0.2-r0", "x86_64", "https://packages.example/os/x86_64/s6-2.12.0.2-r0.apk", "Q1d=")]));

    [Fact]
    public Task A_lock_that_does_not_record_the_declared_packages_keeps_the_plain_lock_check() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Package("nginx", {|#0:"openssl"|})] public partial class Web;
        """,
        BuildPlanGeneratorTests.Lock(null, Locked),
        new DiagnosticResult("IMG0030", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("openssl", " web.lock.json"));

    private static DiagnosticResult Warning(int location, string detail) =>
        new DiagnosticResult("IMG0044", DiagnosticSeverity.Warning).WithLocation(location).WithArguments("web.lock.json", detail, ".", "web");

    private static async Task VerifyAsync(string source, string lockFile, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<LockFileAnalyzer, DefaultVerifier> { TestCode = source };
        OfflineReferences.Apply(test.TestState);
        test.TestState.AdditionalFiles.Add(("web.lock.json", lockFile));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
