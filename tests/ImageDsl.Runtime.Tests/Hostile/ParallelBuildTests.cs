using ImageDsl.Tests.Apk;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Eight builds at once in one process, sharing one cache folder, against a loopback HTTP repository
/// holding a ~1 MiB package (Debian's static busybox), from a cold cache and then a warm one: every
/// build gets the same digest, and afterwards every file in the cache is complete and verifies. A round
/// with the cached package damaged makes all eight evict and fetch it again at the same moment.
/// </summary>
public sealed class ParallelBuildTests : IDisposable
{
    private const int Builds = 8;
    private readonly TempDirectory _repo = new("imagedsl-hostile-parallel-repo");
    private readonly TempDirectory _cache = new("imagedsl-hostile-parallel-cache");

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task Eight_parallel_builds_sharing_a_cache_agree_and_leave_it_intact()
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_repo.Path);
        using var server = new LoopbackServer(repo.Root);
        string yaml = $"""
            contents:
              repositories: [{server.BaseUrl}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """;

        foreach (string round in new[] { "cold", "warm", "damaged", "repaired" })
        {
            if (round == "damaged")
            {
                // Every build finds the cached package damaged at once: they all evict and fetch it again, concurrently.
                string cached = Directory.GetFiles(_cache.Path, "busybox-*.apk", SearchOption.AllDirectories).Single();
                byte[] bytes = File.ReadAllBytes(cached);
                bytes[^100] ^= 0x01;
                File.WriteAllBytes(cached, bytes);
            }
            var builds = Enumerable.Range(0, Builds).Select(_ => Task.Run(() => HostileBuild.RunAsync(yaml, _cache.Path))).ToArray();
            var results = await Task.WhenAll(builds);

            Assert.True(results.Select(r => r.Digest).Distinct().Count() == 1, $"{round}: digests differ: {string.Join(", ", results.Select(r => r.Digest))}");
            if (round != "damaged")
            {
                Assert.All(results, r => Assert.DoesNotContain(r.Warnings, w => w.Contains("failed verification")));
            }
            Assert.Empty(CacheAudit.Problems(_cache.Path, Path.Combine(repo.Root, repo.Arch), repo.PublicKeyPath));
        }
        Assert.Single(Directory.GetFiles(_cache.Path, "busybox-*.apk", SearchOption.AllDirectories));
    }
}
