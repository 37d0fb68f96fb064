using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using ImageDsl.Rules;
using static ImageDsl.Tests.Apk.TestIndexes;

namespace ImageDsl.Tests.Apk;

/// <summary>
/// apk semantics where the resolver or the index reader once got them wrong (issue 15), and the
/// decisions docs/resolver.md lists under "Decisions", each on a small index written like a real one.
/// </summary>
public class ResolverApkSemanticsTests
{
    private const string Main = "https://repo.test/main";

    private static string[] Names(Resolution r) => r.Packages.Select(p => p.ToString()).ToArray();

    private static Resolution Resolve(string[] world, params ApkIndex[] indexes) => new Resolver("x86_64", indexes).Resolve(world);

    private static ApkIndex Index(params string[] records) => Text(Main, "x86_64", records);

    // 1. An unversioned provide never conflicts with the real package of that name.
    [Theory]
    [InlineData("unbound-mailcow-compat=1.25.1-r2", "unbound-config=1.25.1-r2")]
    [InlineData("unbound-config=1.25.1-r2", "unbound-mailcow-compat=1.25.1-r2")]
    public void A_pinned_world_entry_is_met_by_the_real_package_beside_an_unversioned_provider(string first, string second)
    {
        ApkIndex index = Index(
            Record("unbound-config", "1.25.1-r2", "o:unbound"),
            Record("unbound-mailcow-compat", "1.25.1-r2", "o:unbound-mailcow-compat", "p:unbound-config"));
        Resolution result = Resolve([first, second], index);
        Assert.Equal(["unbound-config-1.25.1-r2", "unbound-mailcow-compat-1.25.1-r2"], Names(result).Order());
    }

    // 2. install_if never breaks a build.
    [Fact]
    public void An_install_if_package_whose_dependencies_cannot_be_met_is_skipped()
    {
        ApkIndex index = Index(
            Record("foo", "1.0-r0", "D:so:libc.musl-x86_64.so.1"),
            Record("musl", "1.2.4-r0", "p:so:libc.musl-x86_64.so.1=1"),
            Record("bash-completion", "2.11-r5"),
            Record("foo-bash-completion", "1.0-r0", "i:foo bash-completion", "D:so:libmissing.so.1"),
            Record("foo-doc", "1.0-r0", "i:foo docs", "D:foo>=2"),
            Record("docs", "0.2-r0"));
        Resolution result = Resolve(["foo", "bash-completion", "docs"], index);
        Assert.Equal(["bash-completion-2.11-r5", "docs-0.2-r0", "foo-1.0-r0", "musl-1.2.4-r0"], Names(result).Order());
        // The skipped package's `foo>=2` left no trace: foo-1.0 stays installable.
        Assert.DoesNotContain(result.Edges, e => e.Package.Name is "foo-bash-completion" or "foo-doc");
    }

    [Fact]
    public void An_install_if_package_that_can_be_installed_still_is()
    {
        ApkIndex index = Index(
            Record("foo", "1.0-r0"), Record("bash-completion", "2.11-r5"),
            Record("foo-bash-completion", "1.0-r0", "i:foo bash-completion", "D:bash-completion"));
        Assert.Contains("foo-bash-completion-1.0-r0", Names(Resolve(["foo", "bash-completion"], index)));
    }

    // 3. One provider per name.
    [Fact]
    public void A_name_gets_one_provider_when_a_later_package_needs_the_other_one()
    {
        // `a` needs polkit (the real package ranks first by name), `b` needs polkit-elogind, which provides
        // polkit=124-r0: apk installs polkit-elogind alone, for both.
        ApkIndex index = Index(
            Record("a", "1-r0", "D:polkit"),
            Record("b", "1-r0", "D:polkit-elogind"),
            Record("polkit", "124-r0", "o:polkit"),
            Record("polkit-elogind", "124-r0", "o:polkit-elogind", "p:polkit=124-r0"));
        Resolution result = Resolve(["a", "b"], index);
        Assert.Equal(["a-1-r0", "b-1-r0", "polkit-elogind-124-r0"], Names(result).Order());
    }

    [Fact]
    public void A_world_name_that_another_world_package_provides_with_a_version_is_met_by_that_package()
    {
        ApkIndex index = Index(
            Record("polkit", "124-r0"),
            Record("polkit-elogind", "124-r0", "p:polkit=124-r0"));
        Assert.Equal(["polkit-elogind-124-r0"], Names(Resolve(["polkit", "polkit-elogind"], index)));
    }

    [Fact]
    public void Two_packages_asked_for_by_name_that_provide_one_name_are_a_conflict()
    {
        ApkIndex index = Index(
            Record("a", "1-r0", "D:libssl3"), Record("b", "1-r0", "D:libressl"),
            Record("libssl3", "3.1-r0", "p:so:libssl.so.3=3"), Record("libressl", "3.8-r0", "p:so:libssl.so.3=3"));
        var error = Assert.Throws<ImageDslException>(() => Resolve(["a", "b"], index));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("libressl-3.8-r0.apk: disqualified because libssl3-3.1-r0.apk already provides so:libssl.so.3", error.Message);
    }

    [Fact]
    public void An_install_if_package_does_not_add_a_second_provider_of_a_chosen_name()
    {
        ApkIndex index = Index(
            Record("polkit", "124-r0"), Record("elogind", "252-r0"),
            Record("polkit-elogind", "124-r0", "p:polkit=124-r0", "i:polkit elogind"));
        Assert.Equal(["elogind-252-r0", "polkit-124-r0"], Names(Resolve(["polkit", "elogind"], index)).Order());
    }

    // 5. Repeated fields accumulate.
    [Fact]
    public void A_provide_on_a_second_p_line_is_found()
    {
        ApkIndex index = Index(
            Record("openjdk17-jre-headless", "17.0.9_p8-r0", "p:java-jre-headless", "p:cmd:java=17.0.9_p8-r0", "D:java-common", "D:so:libz.so.1"),
            Record("java-common", "0.5-r0"),
            Record("zlib", "1.3-r0", "p:so:libz.so.1=1.3"));
        Resolution result = Resolve(["java-jre-headless"], index);
        Assert.Equal(["java-common-0.5-r0", "openjdk17-jre-headless-17.0.9_p8-r0", "zlib-1.3-r0"], Names(result).Order());
    }

    // 6. `<~` and `>~` in the world, in index dependencies, and in the world grammar (lock checks: LockFileAnalyzerTests).
    [Theory]
    [InlineData("a<~1.2", "a-1.2.5-r0")]
    [InlineData("a>~1.2", "a-1.3-r0")]
    [InlineData("a>~1.2.9", "a-1.3-r0")]
    public void Fuzzy_bounds_constrain_world_entries(string entry, string expected)
    {
        ApkIndex index = Index(Record("a", "1.1-r0"), Record("a", "1.2.5-r0"), Record("a", "1.3-r0"));
        Assert.Equal([expected], Names(Resolve([entry], index)));
        Assert.True(PackageConstraintSyntax.TryParse(entry, out _, out string error), error);
    }

    [Fact]
    public void Fuzzy_bounds_constrain_index_dependencies()
    {
        ApkIndex index = Index(Record("app", "1-r0", "D:a<~1.2"), Record("a", "1.2.5-r0"), Record("a", "1.3-r0"));
        Assert.Equal(["a-1.2.5-r0", "app-1-r0"], Names(Resolve(["app"], index)));
    }

    [Theory]
    [InlineData("<~", "1.2", "1.1", true)]
    [InlineData("<~", "1.2", "1.2.5", true)]
    [InlineData("<~", "1.2", "1.2_rc1", true)]
    [InlineData("<~", "1.2", "1.3", false)]
    [InlineData(">~", "1.2", "1.2_rc1", true)]
    [InlineData(">~", "1.2", "1.2.5", true)]
    [InlineData(">~", "1.2", "2.0", true)]
    [InlineData(">~", "1.2", "1.1.9", false)]
    [InlineData(">~", "1.2-r3", "1.2-r1", false)]
    public void Fuzzy_bounds_mean_fuzzy_match_or_beyond(string op, string required, string actual, bool expected) =>
        Assert.Equal(expected, VersionConstraint.Create(op, required).IsSatisfiedBy(ApkVersion.Parse(actual)));

    // 7. Decisions (docs/resolver.md, "Decisions").
    [Fact]
    public void An_ambiguous_virtual_without_provider_priority_goes_to_the_first_name_whatever_the_index_order()
    {
        string zz = Record("zz-sh", "1.0-r0", "p:cmd:sh"), aa = Record("aa-sh", "1.0-r0", "p:cmd:sh");
        Assert.Equal(["aa-sh-1.0-r0"], Names(Resolve(["cmd:sh"], Index(zz, aa))));
        Assert.Equal(["aa-sh-1.0-r0"], Names(Resolve(["cmd:sh"], Index(aa, zz))));
        // A higher own version still comes first (apko's step 7).
        Assert.Equal(["zz-sh-2.0-r0"], Names(Resolve(["cmd:sh"], Index(aa, Record("zz-sh", "2.0-r0", "p:cmd:sh")))));
    }

    [Fact]
    public void A_world_virtual_already_provided_by_a_chosen_package_adds_no_second_provider()
    {
        ApkIndex index = Index(Record("a-sh", "1.0-r0", "p:cmd:sh"), Record("b-sh", "1.0-r0", "p:cmd:sh"));
        Assert.Equal(["b-sh-1.0-r0"], Names(Resolve(["cmd:sh", "b-sh"], index)));
    }

    [Fact]
    public void A_package_that_provides_what_it_conflicts_with_can_be_installed()
    {
        ApkIndex index = Index(
            Record("q", "1-r0", "D:p"),
            Record("p", "1-r0", "p:p-compat=1-r0", "D:!p-compat"),
            Record("p-compat", "0.9-r0"));
        Assert.Equal(["p-1-r0", "q-1-r0"], Names(Resolve(["p", "q"], index)));
        // It still excludes every other provider of that name.
        var error = Assert.Throws<ImageDslException>(() => Resolve(["p", "p-compat=0.9-r0"], index));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
    }

    [Fact]
    public void The_arch_field_of_a_record_does_not_take_part_and_the_file_comes_from_the_index_arch_folder()
    {
        ApkIndex index = Index("C:Q1hWtPqLXMqcUNWYzU+ljKIYPBKcw=\nP:tzdata\nV:2024a-r0\nA:noarch\nS:10\nI:20\nT:time zones\n\n",
            "P:odd\nV:1-r0\nA:aarch64\nS:10\nI:20\nT:listed in the wrong arch\n\n");
        Resolution result = Resolve(["tzdata", "odd"], index);
        Assert.Equal(["odd-1-r0", "tzdata-2024a-r0"], Names(result).Order());
        Assert.Equal("https://repo.test/main/x86_64/odd-1-r0.apk", result.Packages.Single(p => p.Name == "odd").PackageUrl);
    }

    [Fact]
    public void A_negative_install_if_condition_holds_while_the_name_is_absent()
    {
        ApkIndex index = Index(
            Record("foo", "1-r0"), Record("bar", "1-r0"),
            Record("foo-fallback", "1-r0", "i:foo !bar"));
        Assert.Equal(["foo-1-r0", "foo-fallback-1-r0"], Names(Resolve(["foo"], index)).Order());
        Assert.Equal(["bar-1-r0", "foo-1-r0"], Names(Resolve(["foo", "bar"], index)).Order());
    }

    // 4 and 5 at the index reader, through signature checking.
    [Fact]
    public void Checksums_with_nonzero_padding_bits_are_read_as_apk_reads_them()
    {
        using var key = ApkPrivateKey.Generate("test-padding.rsa.pub", 2048);
        byte[] sha1 = System.Security.Cryptography.SHA1.HashData("control"u8);
        string canonical = Convert.ToBase64String(sha1); // 28 characters, one '=' and 2 unused bits before it
        char last = canonical[^2];
        string sloppy = canonical[..^2] + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".IndexOf(last) | 1] + "=";
        Assert.NotEqual(canonical, sloppy);
        string record = $"C:Q1{sloppy}\nP:zlib\nV:1.3-r0\nA:x86_64\nS:10\nI:20\nT:zlib\n\n";
        ApkIndex index = ApkIndex.Read(IndexArchive(record, key), ApkRepository.Parse(Main), "x86_64", "test",
            new Keyring([key.PublicKey]));
        Assert.Equal(sha1, Assert.Single(index.Packages).Checksum);
        Assert.Equal("Q1" + canonical, index.Packages[0].ChecksumText);
    }

    [Fact]
    public void Repeated_list_fields_in_a_signed_index_accumulate()
    {
        using var key = ApkPrivateKey.Generate("test-repeat.rsa.pub", 2048);
        string record = Record("openjdk17-jre-headless", "17.0.9_p8-r0",
            "D:java-common", "D:so:libz.so.1", "p:java-jre-headless", "p:cmd:java=17.0.9_p8-r0",
            "i:openjdk17 a", "i:b", "r:openjdk16-jre", "r:openjdk15-jre");
        ApkIndex index = ApkIndex.Read(IndexArchive(record, key), ApkRepository.Parse(Main), "x86_64", "test",
            new Keyring([key.PublicKey]));
        PackageRecord p = Assert.Single(index.Packages);
        Assert.Equal(["java-common", "so:libz.so.1"], p.Dependencies.Select(d => d.Text));
        Assert.Equal(["java-jre-headless", "cmd:java=17.0.9_p8-r0"], p.Provides.Select(d => d.Text));
        Assert.Equal(["openjdk17", "a", "b"], p.InstallIf.Select(d => d.Text));
        Assert.Equal(["openjdk16-jre", "openjdk15-jre"], p.Replaces);
    }
}
