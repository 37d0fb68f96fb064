using ImageDsl.Apk.Versions;

namespace ImageDsl.Tests.Apk;

public class ApkVersionTests
{
    /// <summary>Pairs (lower, higher) written from apko's 8 comparison rules.</summary>
    public static TheoryData<string, string> OrderedPairs() => new()
    {
        // 1. numeric components compare as integers, left to right
        { "1", "2" }, { "1.0", "1.1" }, { "1.9", "1.10" }, { "1.2.9", "1.2.10" }, { "0.99", "1.0" },
        { "2.9.9", "3.0.0" }, { "1.99999", "2" }, { "10", "11" }, { "9", "10" }, { "1.2.3", "1.2.4" },
        { "1.0.0", "1.0.1" }, { "1.1.1", "1.1.2" }, { "3.0.9", "3.1.0" }, { "1.2.3.4", "1.2.3.5" },
        { "1.4", "1.006" }, { "5", "006" }, { "1.01", "1.2" }, { "1.2", "1.010" }, { "0", "1" },
        { "20230101", "20230102" }, { "1.2.99", "1.3" }, { "2022.1", "2023.0" }, { "1.9999999999", "1.10000000000" },
        // apko's known deviation from apk-tools: integer components, so 09 > 5 (apk-tools: 4.5.14 > 4.09-r1)
        { "4.5.14", "4.09-r1" }, { "1.5", "1.09" },
        // 2. more components wins when the shared ones are equal
        { "1.2", "1.2.1" }, { "1", "1.0" }, { "1.0", "1.0.0" }, { "2.4", "2.4.0.1" }, { "1.2", "1.2.0_alpha" },
        { "1.2_p1", "1.2.0" }, { "1.2z", "1.2.0" }, { "1.2-r9", "1.2.0-r0" }, { "3.1_rc1", "3.1.0_alpha" },
        // 3. letter: none < a < z
        { "1.7", "1.7b" }, { "1.7a", "1.7b" }, { "1.7b", "1.7z" }, { "1.7", "1.7a" }, { "1.7z", "1.8" },
        { "2.3a-r9", "2.3b-r0" }, { "1a", "1b" }, { "1.0a_p9", "1.0b" }, { "1.0a", "1.0b_alpha" },
        // 4. pre-release: alpha < beta < pre < rc < none
        { "1.1_alpha1", "1.1" }, { "1.1_alpha", "1.1_beta" }, { "1.1_beta", "1.1_pre" }, { "1.1_pre", "1.1_rc" },
        { "1.1_rc", "1.1" }, { "1.1_rc9", "1.1" }, { "1.1_alpha9", "1.1_beta1" }, { "1.1_beta9", "1.1_pre0" },
        { "1.1_pre9", "1.1_rc1" }, { "2.0_rc5", "2.0" }, { "2.0_alpha", "2.0_p1" }, { "2.0_rc1", "2.0-r0" },
        { "1.0_alpha_p5", "1.0_beta" }, { "1.0_rc1-r9", "1.0-r0" }, { "1.0_beta2_git1", "1.0_beta3" },
        // 5. pre-release number
        { "1.1_alpha1", "1.1_alpha2" }, { "1.1_rc", "1.1_rc1" }, { "1.1_rc1", "1.1_rc10" }, { "1.1_beta2", "1.1_beta11" },
        { "1.1_pre", "1.1_pre0001" }, { "1.0_alpha0", "1.0_alpha1" }, { "5.0_rc9", "5.0_rc10" },
        // 6. post-release: none < cvs < svn < git < hg < p
        { "1.0", "1.0_cvs" }, { "1.0_cvs", "1.0_svn" }, { "1.0_svn", "1.0_git" }, { "1.0_git", "1.0_hg" },
        { "1.0_hg", "1.0_p" }, { "1.0", "1.0_p1" }, { "6.4-r2", "6.4_p20231125-r0" }, { "1.0-r99", "1.0_cvs" },
        { "1.0_cvs9", "1.0_svn1" }, { "1.0_git9", "1.0_hg0" }, { "1.0_hg9", "1.0_p0" }, { "1.0_rc1_p1", "1.0" },
        // 7. post-release number
        { "1.0_p1", "1.0_p2" }, { "1.0_p", "1.0_p1" }, { "1.0_git20230101", "1.0_git20230102" },
        { "8.9_p1", "8.9_p10" }, { "6.4_p20231125", "6.4_p20231126" }, { "1.0_svn1", "1.0_svn1000" },
        // 8. revision
        { "1.0.4-r3", "1.0.4-r4" }, { "1.2.2", "1.2.2-r1" }, { "1.2.2-r0", "1.2.2-r1" }, { "1.2.2-r9", "1.2.2-r10" },
        { "1.0_p1-r1", "1.0_p1-r2" }, { "1.0_alpha-r5", "1.0_alpha-r6" }, { "1.0b-r0", "1.0b-r1" },
        // mixed, real-world
        { "1.35.0-r29", "1.35.0-r31" }, { "3.0.8-r0", "3.0.8-r3" }, { "1.24.0-r0", "1.24.0-r1" }, { "1.2.13-r0", "1.2.13-r1" },
        { "3.10.11-r0", "3.10.12-r0" }, { "9.1_p1-r2", "9.1_p1-r3" }, { "2.4.54-r0", "2.4.56-r0" }, { "1.1.1t-r0", "1.1.1u-r0" },
        { "1.1.1u-r1", "1.1.2" }, { "0.3.18-r1", "0.3.18_p1" }, { "7.88.1-r0", "8.0.0" }, { "4.4-r0", "4.4.2_p1" },
        { "2.38-r5", "2.39-r0" }, { "12.2.1_git20220924-r4", "12.2.1_git20220924-r5" }, { "5.2.15-r0", "5.2.15-r2" },
        { "3.17.3-r0", "3.18.0-r0" }, { "0.8.1-r0", "0.9_alpha" }, { "1.0.0_rc10", "1.0.0" }, { "1.2.3", "1.2.3a" },
        { "2_rc1", "2" }, { "2", "2_p" }, { "2_p", "2a" }, { "2a", "2.0" }, { "2.0_alpha", "2.0_alpha1" },
        { "0.0.1", "0.1" }, { "0.1", "0.1.0.0.0" }, { "1.2.3_alpha1-r2", "1.2.3_alpha2-r1" }, { "1.2.3_pre1", "1.2.3_rc0" },
        { "999", "1000" }, { "1.0.0-r0", "1.0.0-r1" }, { "1_cvs", "1_svn2" }, { "1_hg20", "1_p" }, { "1z_p9", "1.0" },
    };

    [Theory]
    [MemberData(nameof(OrderedPairs))]
    public void Versions_order_as_apko_does(string lower, string higher)
    {
        ApkVersion a = ApkVersion.Parse(lower), b = ApkVersion.Parse(higher);
        Assert.True(ApkVersion.Compare(a, b) < 0, $"{lower} < {higher}");
        Assert.True(ApkVersion.Compare(b, a) > 0, $"{higher} > {lower}");
        Assert.True(a < b && b > a && a <= b && !(a >= b));
    }

    [Theory]
    [InlineData("1.02", "1.2")]
    [InlineData("006", "6")]
    [InlineData("1.0-r0", "1.0")]
    [InlineData("1.0_p0", "1.0_p")]
    [InlineData("1.0_alpha0", "1.0_alpha")]
    [InlineData("1.2.3-r1", "1.2.3-r1")]
    public void Equal_versions_compare_equal_and_hash_alike(string x, string y)
    {
        ApkVersion a = ApkVersion.Parse(x), b = ApkVersion.Parse(y);
        Assert.Equal(0, ApkVersion.Compare(a, b));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3a")]
    [InlineData("1.2_alpha")]
    [InlineData("1.2_beta2")]
    [InlineData("1.2_pre3")]
    [InlineData("1.2_rc10")]
    [InlineData("1.2_cvs")]
    [InlineData("1.2_svn1")]
    [InlineData("1.2_git20230101")]
    [InlineData("1.2_hg3")]
    [InlineData("1.2_p1")]
    [InlineData("1.2_rc1_p2")]
    [InlineData("1.2a_beta_git-r3")]
    [InlineData("1.2.3-r0")]
    [InlineData("0.1.0_alpha")]
    [InlineData("20230101")]
    [InlineData("1.0_alpha0-r10")]
    public void Valid_versions_parse(string text)
    {
        Assert.True(ApkVersion.TryParse(text, out ApkVersion? v));
        Assert.Equal(text, v!.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.1.2")]
    [InlineData("1.a.2")]
    [InlineData("1_illegal")]
    [InlineData("1.1.1-rQ")]
    [InlineData("1.0_alpha_pre2")]
    [InlineData("0.1.0_alpha_pre2")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1..2")]
    [InlineData("1.2ab")]
    [InlineData("1.2A")]
    [InlineData("1.2-r")]
    [InlineData("1.2-r1-r2")]
    [InlineData("1.2_p1_rc1")]
    [InlineData("1.2_p1_p2")]
    [InlineData("1.2 ")]
    [InlineData("v1.2")]
    [InlineData("1.2-1")]
    [InlineData("99999999999999999999")]
    public void Invalid_versions_are_refused(string text)
    {
        Assert.False(ApkVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ApkVersion.Parse(text));
    }

    [Theory]
    [InlineData("1.7.1-r1", "1.7", true)]
    [InlineData("1.7.1-r1", "1.7.1", true)]
    [InlineData("1.7.1-r1", "1.7.1-r2", false)]
    [InlineData("1.7.1-r1", "1.7.1-r1", true)]
    [InlineData("1.7.1-r1", "1.6", false)]
    [InlineData("0.14.0-r3", "0.14", true)]
    [InlineData("1.7", "1.7.1", false)]
    [InlineData("1.7b", "1.7", true)]
    [InlineData("1.7b", "1.7a", false)]
    [InlineData("1.7", "1.7a", false)]
    [InlineData("1.7_rc1", "1.7_rc", true)]
    [InlineData("1.7_rc1", "1.7_rc2", false)]
    [InlineData("1.7_rc1", "1.7_beta", false)]
    [InlineData("1.7", "1.7_rc", false)]
    [InlineData("1.7_p2", "1.7_p", true)]
    [InlineData("1.7_p2", "1.7_p3", false)]
    [InlineData("1.7_git1", "1.7_p", false)]
    [InlineData("1.7-r5", "1.7", true)]
    [InlineData("17.1", "1.7", false)]
    [InlineData("1.70", "1.7", false)]
    [InlineData("1.07.3", "1.7", true)]
    [InlineData("2.0_rc1-r1", "2", true)]
    public void Fuzzy_matches_follow_includesVersion(string actual, string required, bool expected)
    {
        Assert.Equal(expected, ApkVersion.Parse(actual).FuzzyMatches(ApkVersion.Parse(required)));
        Assert.Equal(expected, PackageConstraint.Parse("x~" + required).IsSatisfiedBy(ApkVersion.Parse(actual)));
        Assert.Equal(expected, PackageConstraint.Parse("x=~" + required).IsSatisfiedBy(ApkVersion.Parse(actual)));
    }

    [Theory]
    [InlineData("=", "1.2", "1.2", true)]
    [InlineData("=", "1.2", "1.2-r0", true)]
    [InlineData("=", "1.2", "1.2-r1", false)]
    [InlineData("<", "1.2", "1.1", true)]
    [InlineData("<", "1.2", "1.2", false)]
    [InlineData(">", "1.2", "1.2-r1", true)]
    [InlineData(">", "1.2", "1.2", false)]
    [InlineData("<=", "1.2", "1.2", true)]
    [InlineData("<=", "1.2", "1.2_p1", false)]
    [InlineData(">=", "1.2", "1.2", true)]
    [InlineData(">=", "1.2", "1.2_rc1", false)]
    public void Operators_compare_versions(string op, string required, string actual, bool expected)
    {
        VersionConstraint c = VersionConstraint.Create(op, required);
        Assert.Equal(expected, c.IsSatisfiedBy(ApkVersion.Parse(actual)));
        Assert.False(c.IsSatisfiedBy(null));
        Assert.Equal(op + required, c.ToString());
    }

    [Fact]
    public void An_invalid_required_version_is_satisfied_by_nothing()
    {
        PackageConstraint c = PackageConstraint.Parse("x>=not-a-version");
        Assert.Equal("x", c.Name);
        Assert.Null(c.Version.Version);
        Assert.False(c.IsSatisfiedBy(ApkVersion.Parse("1.0")));
    }

    [Theory]
    // text, name, operator, version, pin, conflict
    [InlineData("busybox", "busybox", VersionOperator.Any, "", null, false)]
    [InlineData("busybox=1.35.0-r29", "busybox", VersionOperator.Equal, "1.35.0-r29", null, false)]
    [InlineData("busybox>=1.35", "busybox", VersionOperator.GreaterOrEqual, "1.35", null, false)]
    [InlineData("busybox<=1.35", "busybox", VersionOperator.LessOrEqual, "1.35", null, false)]
    [InlineData("busybox<2", "busybox", VersionOperator.Less, "2", null, false)]
    [InlineData("busybox>1", "busybox", VersionOperator.Greater, "1", null, false)]
    [InlineData("busybox~1.35", "busybox", VersionOperator.Fuzzy, "1.35", null, false)]
    [InlineData("busybox=~1.35", "busybox", VersionOperator.Fuzzy, "1.35", null, false)]
    [InlineData("nginx@edge", "nginx", VersionOperator.Any, "", "edge", false)]
    [InlineData("nginx=1.24.0-r0@edge", "nginx", VersionOperator.Equal, "1.24.0-r0", "edge", false)]
    [InlineData("nginx>=1.24@edge2", "nginx", VersionOperator.GreaterOrEqual, "1.24", "edge2", false)]
    [InlineData("!musl", "musl", VersionOperator.Any, "", null, true)]
    [InlineData("!musl<1.2", "musl", VersionOperator.Less, "1.2", null, true)]
    [InlineData("so:libc.musl-aarch64.so.1", "so:libc.musl-aarch64.so.1", VersionOperator.Any, "", null, false)]
    [InlineData("cmd:sh", "cmd:sh", VersionOperator.Any, "", null, false)]
    [InlineData("pc:zlib=1.2.13", "pc:zlib", VersionOperator.Equal, "1.2.13", null, false)]
    // the so: rewrite: a version without -rN becomes 0.<ver> (also after >= and <=, which contain '=')
    [InlineData("so:libfoo.so.6=6", "so:libfoo.so.6", VersionOperator.Equal, "0.6", null, false)]
    [InlineData("so:libz.so.1=1.2.13", "so:libz.so.1", VersionOperator.Equal, "0.1.2.13", null, false)]
    [InlineData("so:libfoo.so.6=6.1-r2", "so:libfoo.so.6", VersionOperator.Equal, "6.1-r2", null, false)]
    [InlineData("so:libfoo.so.6>=6", "so:libfoo.so.6", VersionOperator.GreaterOrEqual, "0.6", null, false)]
    [InlineData("so:libfoo.so.6>6", "so:libfoo.so.6", VersionOperator.Greater, "6", null, false)]
    // pin before the version is not parsed: the whole text is the name
    [InlineData("nginx@edge=1.2.3", "nginx@edge=1.2.3", VersionOperator.Any, "", null, false)]
    [InlineData("nginx>=", "nginx>=", VersionOperator.Any, "", null, false)]
    [InlineData("nginx@", "nginx@", VersionOperator.Any, "", null, false)]
    public void Constraints_parse_as_apko_does(string text, string name, VersionOperator op, string version, string? pin, bool conflict)
    {
        PackageConstraint c = PackageConstraint.Parse(text);
        Assert.Equal(text, c.Text);
        Assert.Equal(name, c.Name);
        Assert.Equal(op, c.Version.Operator);
        Assert.Equal(version, c.Version.VersionText);
        Assert.Equal(pin, c.Pin);
        Assert.Equal(conflict, c.IsConflict);
        Assert.Same(c, PackageConstraint.Parse(text));
    }

    [Fact]
    public void So_rewrite_makes_unversioned_library_provides_sort_after_revisioned_ones()
    {
        // melange#1871: `so:libfoo.so.6=6` (0.6) must lose against `so:libfoo.so.6=6.1-r2`.
        ApkVersion plain = PackageConstraint.Parse("so:libfoo.so.6=6").Version.Version!;
        ApkVersion revisioned = PackageConstraint.Parse("so:libfoo.so.6=6.1-r2").Version.Version!;
        Assert.True(plain < revisioned);
    }
}
