using System.Net;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>The small parsers and rules the registry client relies on.</summary>
public class ProtocolPiecesTests
{
    [Fact]
    public void Bearer_challenges_keep_quoted_values_with_commas()
    {
        AuthChallenge challenge = Assert.Single(AuthChallenge.Parse(
            ["Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push repository:c:pull\",error=\"insufficient_scope\""]));
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge.Realm);
        Assert.Equal("registry.example", challenge.Service);
        Assert.Equal("repository:a/b:pull,push repository:c:pull", challenge.Scope);
        Assert.Equal("insufficient_scope", challenge.Parameters["error"]);
    }

    [Fact]
    public void Several_challenges_in_one_header_are_split_and_bearer_is_preferred()
    {
        IReadOnlyList<AuthChallenge> challenges = AuthChallenge.Parse(["Basic realm=\"a, b\", Bearer realm=\"https://t/x\", service=s"]);
        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
        Assert.Equal("a, b", challenges[0].Realm);
        Assert.Equal("s", challenges[1].Service);
        Assert.True(AuthChallenge.Preferred(challenges)!.IsBearer);
        Assert.Equal("q\"uote", AuthChallenge.Parse(["Basic realm=\"q\\\"uote\""])[0].Realm);
        Assert.True(AuthChallenge.Preferred(AuthChallenge.Parse(["basic realm=x"]))!.IsBasic);
        Assert.Null(AuthChallenge.Preferred(AuthChallenge.Parse(["Negotiate"])));
    }

    [Fact]
    public void Retry_delays_double_stay_bounded_and_honour_the_server()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        TimeSpan first = policy.DelayBeforeRetry(1, TimeSpan.Zero, null)!.Value;
        TimeSpan second = policy.DelayBeforeRetry(2, TimeSpan.Zero, null)!.Value;
        Assert.InRange(first.TotalSeconds, 1, 1.2);
        Assert.InRange(second.TotalSeconds, 2, 2.4);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayBeforeRetry(3, TimeSpan.Zero, null));
        Assert.Null(policy.DelayBeforeRetry(4, TimeSpan.Zero, null));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayBeforeRetry(1, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayBeforeRetry(1, TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Null(policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(2)));
        Assert.Null(RetryPolicy.None.DelayBeforeRetry(1, TimeSpan.Zero, null));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.Equal(TimeSpan.FromSeconds(7), RegistryTransient.RetryAfter(seconds));

        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddSeconds(30).ToString("R"));
        Assert.InRange(RegistryTransient.RetryAfter(date)!.Value.TotalSeconds, 25, 31);

        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.TryAddWithoutValidation("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
        Assert.Equal(TimeSpan.Zero, RegistryTransient.RetryAfter(past));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public void Transient_statuses(int status, bool transient) =>
        Assert.Equal(transient, RegistryTransient.IsTransient((HttpStatusCode)status));

    [Fact]
    public void Registry_error_bodies_become_one_line()
    {
        Assert.Equal("BLOB_UNKNOWN: blob unknown to registry (sha256:abc); DENIED: no",
            RegistryErrorBody.Describe("""{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:abc"},{"code":"DENIED","message":"no"}]}"""));
        Assert.Equal("""MANIFEST_INVALID: bad ({"k":1})""", RegistryErrorBody.Describe("""{"errors":[{"code":"MANIFEST_INVALID","message":"bad","detail":{"k":1}}]}"""));
        Assert.Equal("<html> gateway timeout", RegistryErrorBody.Describe("<html>\ngateway timeout"));
        Assert.Equal("", RegistryErrorBody.Describe(""));
        Assert.Equal(["DIGEST_INVALID"], RegistryErrorBody.Codes("""{"errors":[{"code":"DIGEST_INVALID"}]}"""));
    }

    [Fact]
    public void Urls_in_messages_lose_user_info_and_session_state()
    {
        Assert.Equal("https://host.example/v2/a/blobs/uploads/u?_state=…&digest=sha256:1",
            Redaction.Url(new Uri("https://user:pw@host.example/v2/a/blobs/uploads/u?_state=SECRET&digest=sha256:1")));
        Assert.Equal("https://auth.example/token?service=r&access_token=…",
            Redaction.Url(new Uri("https://auth.example/token?service=r&access_token=abc")));
        Assert.Equal("failed for https://host/x", Redaction.Text("failed for https://bob:hunter2@host/x"));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.local:5000", true)]
    [InlineData("registry.local:6000", false)]
    [InlineData("plain.example", true)]
    [InlineData("plain.example:443", true)]
    [InlineData("ghcr.io", false)]
    [InlineData("10.0.0.1:5000", false)]
    [InlineData("128.0.0.1", false)]
    public void Plain_http_only_for_loopback_and_named_hosts(string registry, bool insecure)
    {
        var policy = new InsecureRegistryPolicy(["registry.local:5000", "PLAIN.example"]);
        Assert.Equal(insecure, policy.AllowsInsecure(registry));
        Assert.Equal(insecure ? ["https", "http"] : ["https"], policy.Candidates(registry).Select(u => u.Scheme));
    }

    [Fact]
    public void Credentials_go_to_token_realms_only_over_https_unless_loopback_or_named()
    {
        var policy = new InsecureRegistryPolicy(["auth.internal:8080"]);
        Assert.True(policy.MaySendCredentials(new Uri("https://auth.example/token")));
        Assert.True(policy.MaySendCredentials(new Uri("http://127.0.0.1:5001/token")));
        Assert.True(policy.MaySendCredentials(new Uri("http://auth.internal:8080/token")));
        Assert.False(policy.MaySendCredentials(new Uri("http://auth.example/token")));
        Assert.False(policy.MaySendCredentials(new Uri("http://auth.internal:9090/token")));
    }

    [Theory]
    [InlineData("http://r/v2/a/blobs/uploads/1", "http://r/v2/a/blobs/uploads/1?digest=sha256%3Aff")]
    [InlineData("http://r/v2/a/blobs/uploads/1?_state=x%3D", "http://r/v2/a/blobs/uploads/1?_state=x%3D&digest=sha256%3Aff")]
    [InlineData("http://r/upload?", "http://r/upload?digest=sha256%3Aff")]
    public void The_digest_is_appended_to_the_upload_location(string location, string expected) =>
        Assert.Equal(expected, BlobUpload.WithDigest(new Uri(location), "sha256:ff").AbsoluteUri);

    [Fact]
    public void Relative_locations_resolve_against_the_request()
    {
        Assert.Equal("https://r.example/v2/a/blobs/uploads/9?x=1",
            RegistryConnection.Resolve(new Uri("https://r.example/v2/a/blobs/uploads/"), "/v2/a/blobs/uploads/9?x=1").AbsoluteUri);
    }
}
