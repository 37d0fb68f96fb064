using System.Collections.Concurrent;
using System.Diagnostics;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using ImageDsl.Tests.Registry;
using Xunit.Abstractions;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Many publishes of small images through a fault-injecting proxy in front of a real registry
/// (docker-registry), four at a time: each ends in success or a clean error naming its step, and no
/// tag ever points at missing content. 50 publishes by default; IMAGEDSL_SOAK=1 runs 200
/// (IMAGEDSL_SOAK_PUBLISHES=n for another count).
/// </summary>
public sealed class PublishSoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly RetryPolicy QuickRetry = new(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3));
    private readonly TestRegistry _registry = TestRegistry.Start();
    private readonly TempDirectory _temp = new("imagedsl-hostile-soak");
    private FaultProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await FaultProxy.StartAsync(_registry.Host);

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _registry.Dispose();
        _temp.Dispose();
    }

    private static int Publishes =>
        int.TryParse(Environment.GetEnvironmentVariable("IMAGEDSL_SOAK_PUBLISHES"), out int n) && n > 0 ? n
        : Environment.GetEnvironmentVariable("IMAGEDSL_SOAK") == "1" ? 200 : 50;

    [Fact]
    public async Task Publishes_under_random_faults_succeed_or_fail_cleanly_and_never_leave_a_dangling_tag()
    {
        int count = Publishes;
        TestLayout[] layouts = Enumerable.Range(0, 8).Select(i => TestLayout.Create(_temp.Combine($"layout{i}"), layerSize: 4_000, seed: i)).ToArray();
        var random = new Random(2024);
        _proxy.Rule = request =>
        {
            if (request.Path.Value == "/v2/")
            {
                return null;
            }
            lock (random)
            {
                return random.Next(30) switch
                {
                    0 => new Fault.Status(500),
                    1 => new Fault.Status(503),
                    2 => new Fault.Status(429, RetryAfter: "0"),
                    3 => new Fault.ResetMidBody(1_000),
                    4 => new Fault.ResetAfterForward(),
                    5 => new Fault.Delay(TimeSpan.FromMilliseconds(30)),
                    _ => null,
                };
            }
        };

        int succeeded = 0;
        var failures = new ConcurrentQueue<string>();
        var unclean = new ConcurrentQueue<string>();
        var tags = new ConcurrentBag<(string Repository, string Tag)>();
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(Math.Max(60, count * 0.5));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            if (clock.Elapsed > budget)
            {
                unclean.Enqueue($"publish {i}: not started, the time budget of {budget} was used up");
                return;
            }
            string repository = $"soak/app{i % 5}";
            tags.Add((repository, $"t{i}"));
            tags.Add((repository, "latest"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                PushResult result = await LayoutPusher.PushAsync(layouts[i % layouts.Length].Directory,
                    [ImageReference.Parse($"{_proxy.Host}/{repository}:t{i}"), ImageReference.Parse($"{_proxy.Host}/{repository}:latest")],
                    new PushOptions { DockerConfigDirectory = _temp.Combine("docker"), CredentialHelperSearchPath = "", Retry = QuickRetry, RequestTimeout = TimeSpan.FromSeconds(10) },
                    timeout.Token);
                Assert.Equal(layouts[i % layouts.Length].IndexDigest, result.Digest);
                Interlocked.Increment(ref succeeded);
            }
            catch (ImageDslException error) when (error.Kind is ErrorKind.Network or ErrorKind.Integrity
                && System.Text.RegularExpressions.Regex.IsMatch(error.Message, "^(pushing blob sha256:|pushing manifest sha256:|verifying .* before tagging failed|writing tag |cannot reach registry )"))
            {
                failures.Enqueue($"publish {i}: {error.Message.Split('\n')[0]}");
            }
            catch (Exception error)
            {
                unclean.Enqueue($"publish {i}: {error.GetType().Name}: {error.Message}");
            }
        });
        TimeSpan elapsed = clock.Elapsed;

        _proxy.Rule = _ => null;
        var dangling = new List<string>();
        foreach (var group in tags.Distinct().GroupBy(t => t.Repository))
        {
            dangling.AddRange(await RegistryInspector.MissingContentAsync(_registry.Host, group.Key, group.Select(t => t.Tag).ToArray()));
        }

        output.WriteLine($"soak: {count} publishes in {elapsed.TotalSeconds:0.0} s: {succeeded} succeeded, {failures.Count} failed cleanly, " +
            $"{unclean.Count} failed otherwise, {dangling.Count} dangling tags; {_proxy.Requests.Count} requests, {_proxy.Requests.Count(r => r.Faulted)} faults injected");
        foreach (string failure in failures.Take(5))
        {
            output.WriteLine("  " + failure);
        }
        Assert.Empty(unclean);
        Assert.Empty(dangling);
        Assert.Equal(count, succeeded + failures.Count);
        Assert.True(succeeded > 0, "no publish succeeded: the faults are too dense to say anything");
    }
}
