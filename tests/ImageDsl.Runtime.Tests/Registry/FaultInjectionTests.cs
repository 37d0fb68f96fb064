using System.Collections.Concurrent;
using System.Diagnostics;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// Pushes through a fault-injecting proxy: transient faults are retried to success; persistent
/// ones fail with a message naming the step; in no case does a tag point at missing content.
/// </summary>
public sealed class FaultInjectionTests : FaultProxyTestBase
{
    [Fact]
    public async Task Server_errors_on_every_kind_of_request_are_retried_to_success()
    {
        proxy.Rule = request => First(request) && (IsBlobPut(request) || request.Method == "HEAD" || IsManifestPut(request))
            ? new Fault.Status(IsBlobPut(request) ? 503 : request.Method == "HEAD" ? 500 : 502)
            : null;

        PushResult result = await PushAsync("errors/app", "1", "2");

        Assert.True(result.Counters.Retries >= layout.BlobDigests.Count, $"{result.Counters.Retries} retries");
        await AssertCompleteAsync("errors/app", "1", "2");
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_delay_the_registry_asks_for()
    {
        proxy.Rule = request => request.Method == "POST" && First(request) ? new Fault.Status(429, RetryAfter: "1") : null;
        Stopwatch watch = Stopwatch.StartNew();

        await PushAsync("throttled/app", "1");

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"took {watch.Elapsed}; Retry-After: 1 was not honoured");
        await AssertCompleteAsync("throttled/app", "1");
    }

    [Fact]
    public async Task A_connection_reset_mid_upload_restarts_the_upload_in_a_new_session()
    {
        proxy.Rule = request => IsBlobPut(request) && First(request) ? new Fault.ResetMidBody(20_000) : null;

        PushResult result = await PushAsync("reset/app", "1");

        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
        // Each blob: a broken POST+PUT, then a fresh POST+PUT.
        Assert.Equal(2 * layout.BlobDigests.Count, proxy.Requests.Count(r => r.Method == "POST"));
        await AssertCompleteAsync("reset/app", "1");
    }

    [Fact]
    public async Task An_upload_whose_answer_is_lost_is_not_sent_twice()
    {
        proxy.Rule = request => IsBlobPut(request) && First(request) ? new Fault.ResetAfterForward() : null;

        await PushAsync("lost/app", "1");

        Assert.Equal(layout.BlobDigests.Count, proxy.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/blobs/uploads/")));
        await AssertCompleteAsync("lost/app", "1");
    }

    [Fact]
    public async Task Slow_answers_within_the_time_limit_are_waited_for_and_stalled_ones_retried()
    {
        int stalled = 0;
        proxy.Rule = request => request.Method == "HEAD" && Interlocked.Increment(ref stalled) == 1
            ? new Fault.Delay(TimeSpan.FromSeconds(2.5))
            : new Fault.Delay(TimeSpan.FromMilliseconds(20));

        PushResult result = await PushAsync("slow/app", new PushOptions { RequestTimeout = TimeSpan.FromSeconds(1) }, "1");

        Assert.True(result.Counters.Retries > 0);
        await AssertCompleteAsync("slow/app", "1");
    }

    [Fact]
    public async Task A_blob_that_never_uploads_fails_naming_it_and_writes_no_tag()
    {
        string victim = layout.BlobDigests.First();
        proxy.Rule = request => IsBlobPut(request) && request.QueryString.Value!.Contains(victim.Replace(":", "%3A")) ? new Fault.Status(500) : null;

        var error = await Assert.ThrowsAsync<ImageDslException>(() => PushAsync("broken/app", "1", "2"));

        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Contains($"pushing blob {victim}", error.Message);
        Assert.Contains("no tag was written", error.Message);
        Assert.Contains("after 4 attempt(s)", error.Message);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Contains("INJECTED: injected fault 500", error.Message);
        Assert.Null(await RegistryInspector.TagDigestAsync(registry.Host, "broken/app", "1"));
        Assert.Null(await RegistryInspector.TagDigestAsync(registry.Host, "broken/app", "2"));
    }

    [Fact]
    public async Task A_platform_manifest_that_never_uploads_writes_no_tag()
    {
        string victim = layout.ManifestDigests[1];
        proxy.Rule = request => request.Method == "PUT" && request.Path.Value!.EndsWith("/manifests/" + victim) ? new Fault.Status(503) : null;

        var error = await Assert.ThrowsAsync<ImageDslException>(() => PushAsync("nomanifest/app", "1"));

        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Contains($"pushing manifest {victim} (linux/arm64)", error.Message);
        Assert.Null(await RegistryInspector.TagDigestAsync(registry.Host, "nomanifest/app", "1"));
    }

    [Fact]
    public async Task A_failing_second_tag_says_which_tags_were_written_and_they_are_complete()
    {
        proxy.Rule = request => request.Method == "PUT" && request.Path.Value!.EndsWith("/manifests/second") ? new Fault.Status(500) : null;

        var error = await Assert.ThrowsAsync<ImageDslException>(() => PushAsync("tags/app", "first", "second"));

        Assert.Contains($"writing tag {proxy.Host}/tags/app:second failed; already written (complete): {proxy.Host}/tags/app:first", error.Message);
        Assert.Equal(layout.IndexDigest, await RegistryInspector.TagDigestAsync(registry.Host, "tags/app", "first"));
        await AssertCompleteAsync("tags/app", "first", "second");
    }
}
