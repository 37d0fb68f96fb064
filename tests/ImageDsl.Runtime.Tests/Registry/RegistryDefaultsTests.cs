using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>The figures docs/registry.md states: push defaults, the default retry policy, reference limits.</summary>
public class RegistryDefaultsTests
{
    [Fact]
    public void Push_defaults_are_the_documented_figures()
    {
        var options = new PushOptions();
        Assert.Equal(3, options.MaxParallelUploads);
        Assert.Equal(64L * 1024 * 1024, options.ChunkedUploadThreshold);
        Assert.Equal(16 * 1024 * 1024, options.ChunkSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(30), options.UploadTimeout);
        Assert.Same(RetryPolicy.Default, options.Retry);
    }

    /// <summary>5 attempts; 1 s doubling with up to 20 % jitter, capped at 30 s; nothing new after 5 minutes.</summary>
    [Fact]
    public void The_default_retry_policy_behaves_as_documented()
    {
        RetryPolicy policy = RetryPolicy.Default;
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            double expected = Math.Min(Math.Pow(2, attempt - 1), 30);
            Assert.InRange(policy.DelayBeforeRetry(attempt, TimeSpan.Zero, null)!.Value.TotalSeconds, expected, Math.Min(expected * 1.2, 30));
        }
        Assert.Null(policy.DelayBeforeRetry(5, TimeSpan.Zero, null));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBeforeRetry(1, TimeSpan.Zero, TimeSpan.FromMinutes(10)));
        Assert.Null(policy.DelayBeforeRetry(1, TimeSpan.FromMinutes(5), null));
    }

    [Fact]
    public void Tags_hold_up_to_128_characters_and_names_up_to_255()
    {
        Assert.Equal(new string('t', 128), ImageReference.Parse("ghcr.io/a/b:" + new string('t', 128)).Tag);
        Assert.Contains("up to 128", Assert.Throws<ImageDslException>(() => ImageReference.Parse("ghcr.io/a/b:" + new string('t', 129))).Message);

        string repository = new string('r', 255 - "ghcr.io/".Length);
        Assert.Equal(repository, ImageReference.Parse("ghcr.io/" + repository).Repository);
        Assert.Contains("longer than 255", Assert.Throws<ImageDslException>(() => ImageReference.Parse("ghcr.io/" + repository + "r")).Message);
    }

    [Fact]
    public void A_token_answer_without_expires_in_lasts_60_seconds()
    {
        Uri realm = new("https://auth.example/token");
        Assert.Equal(("t", 60), RegistryAuthenticator.ParseToken("""{"token":"t"}""", realm));
        Assert.Equal(("t", 300), RegistryAuthenticator.ParseToken("""{"access_token":"t","expires_in":300}""", realm));
    }

    [Fact]
    public void Registry_error_bodies_are_cut_after_400_characters()
    {
        string description = RegistryErrorBody.Describe("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + new string('x', 1000) + "\"}]}");
        Assert.Equal(400 + "…".Length, description.Length);
        Assert.StartsWith("DENIED: xxx", description);
        Assert.EndsWith("x…", description);
    }
}
