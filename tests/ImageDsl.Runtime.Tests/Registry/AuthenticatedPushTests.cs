using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>Pushes to docker-registry with htpasswd (Basic) and token (Bearer) auth.</summary>
public sealed class AuthenticatedPushTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Basic_auth_refuses_an_anonymous_push_with_a_login_hint_and_accepts_a_saved_login()
    {
        using TestRegistry registry = TestRegistry.Start(TestRegistry.HtpasswdAuth(temp, "alice", "s3cret-pass"));
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        ImageReference tag = ImageReference.Parse($"{registry.Host}/private/app:1");
        PushOptions options = RegistryTestOptions.Create(temp);

        var denied = await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory, [tag], options));
        Assert.Equal(ErrorKind.Unauthorized, denied.Kind);
        Assert.Contains($"no credentials for {registry.Host} were found", denied.Message);
        Assert.Contains($"dotnet image login {registry.Host} -u <user> --password-stdin", denied.Hint);
        Assert.Contains("DOCKER_CONFIG", denied.Hint);

        DockerConfigStore.SaveLogin(registry.Host, "alice", "wrong", options.DockerConfigDirectory);
        var refused = await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory, [tag], options));
        Assert.Equal(ErrorKind.Unauthorized, refused.Kind);
        Assert.Contains("user 'alice'", refused.Message);
        Assert.DoesNotContain("wrong", refused.Message);

        DockerConfigStore.SaveLogin(registry.Host, "alice", "s3cret-pass", options.DockerConfigDirectory);
        PushResult result = await LayoutPusher.PushAsync(layout.Directory, [tag], options);
        Assert.Equal(layout.IndexDigest, result.Digest);
        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
    }

    [Fact]
    public async Task Token_auth_pushes_through_the_bearer_flow_with_push_and_mount_scopes()
    {
        await using TokenServer tokens = await TokenServer.StartAsync(temp, "bob", "t0ken-pass");
        using TestRegistry registry = TestRegistry.Start(tokens.RegistryAuthYaml);
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        ImageReference[] tags =
        [
            ImageReference.Parse($"{registry.Host}/tok/one:1"),
            ImageReference.Parse($"{registry.Host}/tok/two:1"),
        ];
        var log = new List<string>();
        PushOptions anonymous = RegistryTestOptions.Create(temp, log);

        var denied = await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory, tags, anonymous));
        Assert.Equal(ErrorKind.Unauthorized, denied.Kind);
        Assert.Contains("login", denied.Hint);

        DockerConfigStore.SaveLogin(registry.Host, "bob", "t0ken-pass", anonymous.DockerConfigDirectory);
        PushResult result = await LayoutPusher.PushAsync(layout.Directory, tags, anonymous);

        Assert.Equal(layout.IndexDigest, result.Digest);
        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsMounted);
        Assert.Contains(tokens.Requests, r => r.Authenticated && r.Scopes.SequenceEqual(["repository:tok/one:pull,push"]));
        Assert.Contains(tokens.Requests, r => r.Authenticated && r.Scopes.SequenceEqual(["repository:tok/two:pull,push", "repository:tok/one:pull"]));
        // Tokens are cached per scope set: a handful of token requests, not one per blob.
        Assert.True(tokens.Requests.Count(r => r.Authenticated) <= 4, $"{tokens.Requests.Count} token requests");
        Assert.DoesNotContain(log, line => line.Contains("t0ken-pass"));
    }

    [Fact]
    public async Task A_token_server_that_refuses_the_credentials_is_unauthorized_and_names_the_user()
    {
        await using TokenServer tokens = await TokenServer.StartAsync(temp, "bob", "t0ken-pass");
        using TestRegistry registry = TestRegistry.Start(tokens.RegistryAuthYaml);
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        PushOptions options = RegistryTestOptions.Create(temp);
        options = new PushOptions { Credentials = new RegistryCredential("bob", "not-it"), Retry = options.Retry };

        var refused = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"{registry.Host}/tok/app:1")], options));

        Assert.Equal(ErrorKind.Unauthorized, refused.Kind);
        Assert.Contains("token server", refused.Message);
        Assert.Contains("user 'bob'", refused.Message);
        Assert.DoesNotContain("not-it", refused.ToString());
    }

    [Fact]
    public async Task An_identity_token_is_exchanged_through_oauth_and_a_rejected_token_is_refreshed()
    {
        await using TokenServer tokens = await TokenServer.StartAsync(temp, "bob", "t0ken-pass");
        using TestRegistry registry = TestRegistry.Start(tokens.RegistryAuthYaml);
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        tokens.UntrustedTokensToIssue = 1;
        var options = new PushOptions
        {
            Credentials = new RegistryCredential("", "", TokenServer.RefreshToken),
            Retry = RegistryTestOptions.FastRetry,
        };

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"{registry.Host}/oauth/app:1")], options);

        Assert.Equal(layout.IndexDigest, result.Digest);
        Assert.True(tokens.Requests.Count(r => r.Authenticated && r.Scopes.SequenceEqual(["repository:oauth/app:pull,push"])) >= 2,
            "the token the registry rejected should have been replaced by a fresh one");
        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
        Assert.Equal(1, result.Counters.TagsWritten);
    }
}
