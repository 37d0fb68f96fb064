using ImageDsl.Apk.Index;
using ImageDsl.Apk.Solver;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using Xunit.Abstractions;

namespace ImageDsl.Tests.Apk;

/// <summary>Resolution on the real Alpine 3.17 aarch64 index, checked by properties any correct result has.</summary>
public class ResolverAlpineTests(ITestOutputHelper output)
{
    public static TheoryData<string> Worlds() => new() { "alpine-base", "nginx", "python3", "busybox", "openssh", "curl" };

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Resolving_a_real_world_gives_a_closed_minimal_conflict_free_set(string world)
    {
        Resolution result = new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve([world]);
        output.WriteLine(string.Join(" ", result.Packages));
        IReadOnlyList<PackageRecord> set = result.Packages;

        Assert.Contains(set, p => p.Name == world);
        Assert.Equal(set.Count, set.Select(p => p.Name).Distinct().Count());
        AssertClosed(set);
        AssertConflictFree(set);
        AssertInstallIfApplied(set, TestIndexes.Alpine317.Packages);
        AssertNothingUnneeded(set, [world]);
        AssertDependenciesComeFirst(set);

        Resolution again = new Resolver("aarch64", [TestIndexes.ReadAlpine(TestIndexes.Alpine317.Repository)]).Resolve([world]);
        Assert.Equal(set.Select(p => p.ToString()), again.Packages.Select(p => p.ToString()));
    }

    [Fact]
    public void Alpine_base_pulls_in_what_it_depends_on_and_the_install_if_packages()
    {
        Resolution result = new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["alpine-base"]);
        string[] names = result.Packages.Select(p => p.Name).ToArray();
        Assert.Contains("musl", names);
        Assert.Contains("busybox", names);
        Assert.Contains("apk-tools", names);
        Assert.Contains("openrc", names);
        Assert.Equal("alpine-base", names[^1]);
        // musl comes before everything that links against it.
        Assert.True(Array.IndexOf(names, "musl") < Array.IndexOf(names, "busybox"));
        Assert.Contains(result.Packages, p => p.InstallIf.Count > 0);
    }

    [Fact]
    public void An_unknown_package_names_the_constraint_and_suggests_a_close_name()
    {
        var error = Assert.Throws<ImageDslException>(() => new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["nothing-such"]));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("nothing provides \"nothing-such\"", error.Message);
        Assert.Contains("for arch \"aarch64\"", error.Message);
        Assert.Contains("required by: world \"nothing-such\"", error.Message);

        var typo = Assert.Throws<ImageDslException>(() => new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["busybx"]));
        Assert.Contains("Did you mean \"busybox\"", typo.Hint);
    }

    [Fact]
    public void An_impossible_version_lists_every_rejected_candidate_with_its_reason()
    {
        var error = Assert.Throws<ImageDslException>(() => new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["busybox>=99"]));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("solving \"busybox>=99\" constraint", error.Message);
        Assert.Contains("busybox-1.35.0-r29.apk: disqualified because \"1.35.0-r29\" does not satisfy \"busybox>=99\"", error.Message);
    }

    [Fact]
    public void A_dependency_chain_is_named_when_a_deep_dependency_cannot_be_met()
    {
        // Forbid musl: every package linking against it fails, and the error shows the path to it.
        var error = Assert.Throws<ImageDslException>(() => new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["curl", "!musl"]));
        output.WriteLine(error.Message);
        Assert.Contains("world \"curl\" -> curl-", error.Message);
        Assert.Contains("excluded by !musl", error.Message);
    }

    [Fact]
    public void Explain_chain_leads_from_the_world_to_a_deep_dependency()
    {
        Resolution result = new Resolver("aarch64", [TestIndexes.Alpine317]).Resolve(["curl"]);
        PackageRecord musl = result.Find("musl")!;
        IReadOnlyList<ResolutionEdge> chain = result.ChainTo(musl);
        output.WriteLine(string.Join(" -> ", chain.Select(e => $"{e.Parent?.Name ?? "world"} [{e.Constraint}] {e.Package}")));
        Assert.Null(chain[0].Parent);
        Assert.Equal("curl", chain[0].Package.Name);
        Assert.Same(musl, chain[^1].Package);
        for (int i = 1; i < chain.Count; i++)
        {
            Assert.Same(chain[i - 1].Package, chain[i].Parent);
        }
    }

    internal static void AssertClosed(IReadOnlyList<PackageRecord> set)
    {
        foreach (PackageRecord p in set)
        {
            foreach (PackageConstraint d in p.Dependencies.Where(d => !d.IsConflict))
            {
                Assert.True(set.Any(q => Satisfies(q, d)), $"{p} needs {d}, which nothing in the set satisfies");
            }
        }
    }

    internal static void AssertConflictFree(IReadOnlyList<PackageRecord> set)
    {
        foreach (PackageRecord p in set)
        {
            foreach (PackageConstraint d in p.Dependencies.Where(d => d.IsConflict))
            {
                Assert.DoesNotContain(set, q => q.Name == d.Name && q != p && d.IsSatisfiedBy(q.ParsedVersion));
            }
        }
        var versionedProvides = set.SelectMany(p => p.Provides.Where(v => v.Version.IsVersioned).Select(v => (v.Name, p)));
        foreach (var group in versionedProvides.GroupBy(x => x.Name))
        {
            Assert.True(group.Count() == 1, $"{group.Key} is provided by {string.Join(", ", group.Select(g => g.p))}");
        }
    }

    internal static void AssertInstallIfApplied(IReadOnlyList<PackageRecord> set, IReadOnlyList<PackageRecord> universe)
    {
        var byName = set.ToDictionary(p => p.Name);
        foreach (PackageRecord candidate in universe.Where(p => p.InstallIf.Count > 0))
        {
            bool holds = candidate.InstallIf.All(e => byName.TryGetValue(e.Name, out var q) && (!e.Version.IsVersioned || e.IsSatisfiedBy(q.ParsedVersion)));
            if (holds)
            {
                Assert.True(byName.ContainsKey(candidate.Name), $"{candidate} should be installed: its install_if {string.Join(" ", candidate.InstallIf)} holds");
            }
        }
    }

    internal static void AssertNothingUnneeded(IReadOnlyList<PackageRecord> set, IReadOnlyList<string> world)
    {
        var worldNames = world.Select(w => PackageConstraint.Parse(w).Name).ToHashSet();
        foreach (PackageRecord p in set)
        {
            bool needed = worldNames.Contains(p.Name) || p.Provides.Any(v => worldNames.Contains(v.Name))
                || set.Any(q => q != p && q.Dependencies.Any(d => !d.IsConflict && Satisfies(p, d)))
                || (p.InstallIf.Count > 0 && p.InstallIf.All(e => set.Any(q => q.Name == e.Name)));
            Assert.True(needed, $"{p} is in the set but nothing needs it");
        }
    }

    internal static void AssertDependenciesComeFirst(IReadOnlyList<PackageRecord> set)
    {
        // Not strict (cycles exist), but most dependencies must precede their dependants.
        int before = 0, after = 0;
        for (int i = 0; i < set.Count; i++)
        {
            foreach (PackageConstraint d in set[i].Dependencies.Where(d => !d.IsConflict))
            {
                int j = set.ToList().FindIndex(q => Satisfies(q, d));
                if (j == i)
                {
                    continue;
                }
                if (j < i) before++; else after++;
            }
        }
        Assert.True(after <= before / 10 + 1, $"{after} dependencies come after their dependant, {before} before");
    }

    internal static bool Satisfies(PackageRecord q, PackageConstraint d)
    {
        if (q.Name == d.Name && d.IsSatisfiedBy(q.ParsedVersion))
        {
            return true;
        }
        return q.Provides.Any(v => v.Name == d.Name && (!d.Version.IsVersioned || (v.Version.IsVersioned && d.IsSatisfiedBy(v.Version.Version))));
    }
}
