using ImageDsl.Apk.Index;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using static ImageDsl.Tests.Apk.TestIndexes;

namespace ImageDsl.Tests.Apk;

/// <summary>The resolver's rules one by one, on small hand-written indexes.</summary>
public class ResolverRulesTests
{
    private const string Main = "https://repo.test/main";

    private static string[] Names(Resolution r) => r.Packages.Select(p => p.ToString()).ToArray();

    private static Resolution Resolve(string[] world, params ApkIndex[] indexes) => new Resolver("x86_64", indexes).Resolve(world);

    [Fact]
    public void Children_are_installed_before_parents_depth_first()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("a", "1", "D:b c"), Record("b", "1", "D:d"), Record("c", "1", "D:d"), Record("d", "1"));
        Assert.Equal(["d-1", "b-1", "c-1", "a-1"], Names(Resolve(["a"], index)));
    }

    [Fact]
    public void The_highest_version_wins_and_version_constraints_are_honoured()
    {
        ApkIndex index = Text(Main, "x86_64", Record("a", "1.0-r0"), Record("a", "1.2-r0"), Record("a", "1.10-r0"), Record("a", "2.0_rc1-r0"));
        Assert.Equal(["a-2.0_rc1-r0"], Names(Resolve(["a"], index)));
        Assert.Equal(["a-1.10-r0"], Names(Resolve(["a<2"], index)));
        Assert.Equal(["a-1.2-r0"], Names(Resolve(["a~1.2"], index)));
        Assert.Equal(["a-1.0-r0"], Names(Resolve(["a=1.0-r0"], index)));
    }

    [Fact]
    public void Versioned_dependencies_disqualify_other_versions_for_everyone()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:lib<2"), Record("lib", "1.5"), Record("lib", "2.1"));
        Assert.Equal(["lib-1.5", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void Virtual_names_resolve_through_provides_and_provider_priority_breaks_ties()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:cmd:sh"),
            Record("busybox-binsh", "1.35", "p:cmd:sh", "k:100"),
            Record("dash-binsh", "0.5", "p:cmd:sh", "k:60"));
        Assert.Equal(["busybox-binsh-1.35", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void A_higher_provided_version_beats_provider_priority()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:so:libfoo.so.1"),
            Record("libfoo-old", "1.0", "p:so:libfoo.so.1=1.0-r0", "k:200"),
            Record("libfoo-new", "1.0", "p:so:libfoo.so.1=2.0-r0"));
        Assert.Equal(["libfoo-new-1.0", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void Choosing_a_provider_disqualifies_rival_versioned_providers()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("a", "1", "D:libssl"), Record("b", "1", "D:libressl"),
            Record("libssl", "3", "p:so:libssl.so.3=3"), Record("libressl", "3", "p:so:libssl.so.3=3"));
        var error = Assert.Throws<ImageDslException>(() => Resolve(["a", "b"], index));
        Assert.Contains("already provides so:libssl.so.3", error.Message);
    }

    [Fact]
    public void Unversioned_provides_do_not_conflict_with_each_other()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("x", "1", "p:virt"), Record("y", "1", "p:virt"), Record("app", "1", "D:x y"));
        Assert.Equal(["x-1", "y-1", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void A_versioned_dependency_on_a_virtual_needs_a_versioned_provide()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:pc:zlib>=1.2"), Record("zlib-dev", "1.2.13", "p:pc:zlib=1.2.13"), Record("fake", "9", "p:pc:zlib"));
        Assert.Equal(["zlib-dev-1.2.13", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void So_provides_without_revision_sort_after_revisioned_ones()
    {
        // "so:libfoo.so.6=6" becomes 0.6, so the provider with a full package version (6.1-r2) wins.
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:so:libfoo.so.6"),
            Record("libfoo-a", "1", "p:so:libfoo.so.6=6"),
            Record("libfoo-b", "1", "p:so:libfoo.so.6=6.1-r2"));
        Assert.Equal(["libfoo-b-1", "app-1"], Names(Resolve(["app"], index)));
    }

    [Fact]
    public void Conflicts_in_dependencies_fail_only_when_the_forbidden_package_is_installed()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:!legacy"), Record("legacy", "1"), Record("other", "1", "D:legacy"));
        Assert.Equal(["app-1"], Names(Resolve(["app"], index)));
        var error = Assert.Throws<ImageDslException>(() => Resolve(["other", "app"], index));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("legacy", error.Message);
    }

    [Fact]
    public void World_exclusions_remove_candidates()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:cmd:sh"), Record("busybox", "1", "p:cmd:sh", "k:10"), Record("dash", "1", "p:cmd:sh"));
        Assert.Equal(["dash-1", "app-1"], Names(Resolve(["app", "!busybox"], index)));
    }

    [Fact]
    public void Tagged_repositories_serve_only_pinned_packages_and_their_dependencies()
    {
        ApkIndex main = Text(Main, "x86_64", Record("tool", "1.0"), Record("lib", "1.0"));
        ApkIndex edge = Text("@edge https://repo.test/edge", "x86_64", Record("tool", "2.0", "D:lib>=2"), Record("lib", "2.0"), Record("extra", "1"));
        Assert.Equal(["tool-1.0"], Names(Resolve(["tool"], main, edge)));
        Assert.Equal(["lib-2.0", "tool-2.0"], Names(Resolve(["tool@edge"], main, edge)));

        var error = Assert.Throws<ImageDslException>(() => Resolve(["extra"], main, edge));
        Assert.Contains("pinned to @edge", error.Message);
        Assert.Contains("extra@edge", error.Message);
    }

    [Fact]
    public void A_pin_is_preferred_even_over_a_higher_version()
    {
        ApkIndex main = Text(Main, "x86_64", Record("tool", "3.0"));
        ApkIndex old = Text("@old https://repo.test/old", "x86_64", Record("tool", "1.0"));
        Assert.Equal(["tool-1.0"], Names(Resolve(["tool@old"], main, old)));
    }

    [Fact]
    public void Across_untagged_repositories_the_higher_version_wins_and_exact_ties_go_to_the_first()
    {
        ApkIndex first = Text(Main, "x86_64", Record("tool", "1.0"));
        ApkIndex second = Text("https://repo.test/other", "x86_64", Record("tool", "1.1"), Record("same", "1"));
        ApkIndex third = Text("https://repo.test/third", "x86_64", Record("same", "1"));
        Assert.Equal(["tool-1.1"], Names(Resolve(["tool"], first, second)));
        Assert.Equal("https://repo.test/other", Resolve(["same"], first, second, third).Packages[0].Repository.Url);
    }

    [Fact]
    public void Siblings_of_a_pinned_origin_follow_it_to_the_same_version()
    {
        // #2208: pinning openssh=10.2 drags openssh-client (same origin) to 10.2 too.
        ApkIndex index = Text(Main, "x86_64",
            Record("openssh", "10.2", "o:openssh", "D:openssh-client"), Record("openssh", "10.3", "o:openssh", "D:openssh-client"),
            Record("openssh-client", "10.2", "o:openssh"), Record("openssh-client", "10.3", "o:openssh"));
        Assert.Equal(["openssh-client-10.2", "openssh-10.2"], Names(Resolve(["openssh=10.2"], index)));
    }

    [Fact]
    public void The_world_constraint_with_fewest_candidates_is_solved_first()
    {
        // "virt" has two providers, "y" one: y is chosen first and rules out x (a rival provider of virt=...).
        ApkIndex index = Text(Main, "x86_64", Record("x", "2", "p:virt=2"), Record("y", "1", "p:virt=1"));
        Assert.Equal(["y-1"], Names(Resolve(["virt", "y"], index)));
        // Deeper down, a's choice of x (higher virt) would make b's y impossible: like apk, the resolver
        // then runs again without x (a provider chosen among several), so y provides virt for both.
        ApkIndex deeper = Text(Main, "x86_64",
            Record("a", "1", "D:virt"), Record("b", "1", "D:y"), Record("x", "2", "p:virt=2"), Record("y", "1", "p:virt=1"));
        Assert.Equal(["y-1", "a-1", "b-1"], Names(Resolve(["a", "b"], deeper)));
        // A world entry's own choice is never revisited: asking for x by name still rules out y.
        var error = Assert.Throws<ImageDslException>(() => Resolve(["x", "b"], deeper));
        Assert.Contains("y-1.apk: disqualified because x-2.apk already provides virt", error.Message);
    }

    [Fact]
    public void Install_if_adds_packages_whose_condition_holds_with_their_dependencies()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1", "D:openrc"), Record("openrc", "1"),
            Record("app-openrc", "1", "i:openrc app=1", "D:helper"), Record("helper", "1"),
            Record("app-doc", "1", "i:docs app"), Record("other-openrc", "1", "i:openrc other"));
        Resolution r = Resolve(["app"], index);
        Assert.Equal(["openrc-1", "helper-1", "app-openrc-1", "app-1"], Names(r));
        ResolutionEdge edge = Assert.Single(r.Edges, e => e.Kind == ResolutionEdgeKind.InstallIf && e.Constraint.Text == "openrc");
        Assert.Equal("app-openrc", edge.Package.Name);
    }

    [Fact]
    public void Install_if_also_holds_across_world_entries()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("app", "1"), Record("docs", "1"), Record("app-doc", "1", "i:docs app"));
        Assert.Equal(["app-1", "docs-1", "app-doc-1"], Names(Resolve(["app", "docs"], index)));
    }

    [Fact]
    public void Cycles_are_broken()
    {
        ApkIndex index = Text(Main, "x86_64", Record("a", "1", "D:b"), Record("b", "1", "D:a"));
        Assert.Equal(["b-1", "a-1"], Names(Resolve(["a"], index)));
    }

    [Fact]
    public void Multi_arch_resolution_avoids_versions_missing_on_another_arch()
    {
        ApkIndex amd = Text(Main, "x86_64", Record("tool", "1.0"), Record("tool", "1.1"));
        ApkIndex arm = Text(Main, "aarch64", Record("tool", "1.0"));
        IReadOnlyList<Resolution> results = Resolver.ResolveAll(["tool"], [("x86_64", [amd]), ("aarch64", [arm])]);
        Assert.Equal(["tool-1.0"], Names(results[0]));
        Assert.Equal(["tool-1.0"], Names(results[1]));

        var error = Assert.Throws<ImageDslException>(() => Resolver.ResolveAll(["tool=1.1"], [("x86_64", [amd]), ("aarch64", [arm])]));
        Assert.Contains("package \"tool-1.1.apk\" not available for arch \"aarch64\"", error.Message);
    }

    [Fact]
    public void An_already_selected_package_that_does_not_fit_a_later_constraint_is_an_error()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("a", "1", "D:lib=1"), Record("b", "1", "D:lib=2"), Record("lib", "1", "D:base"), Record("lib", "2", "D:base"), Record("base", "1"));
        var error = Assert.Throws<ImageDslException>(() => Resolve(["a", "b"], index));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("world \"b\" -> b-1", error.Message);
    }

    [Fact]
    public void Invalid_world_entries_are_configuration_errors()
    {
        ApkIndex index = Text(Main, "x86_64", Record("a", "1"));
        var error = Assert.Throws<ImageDslException>(() => Resolve(["a b"], index));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
    }

    [Fact]
    public void Resolution_is_identical_across_runs_and_world_orders_give_stable_output()
    {
        ApkIndex index = Text(Main, "x86_64",
            Record("a", "1", "D:v"), Record("p1", "1", "p:v"), Record("p2", "1", "p:v"), Record("b", "1", "D:p2"));
        string[] first = Names(Resolve(["a", "b"], index));
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(first, Names(Resolve(["a", "b"], index)));
        }
    }
}
