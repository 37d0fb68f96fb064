using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Answers a registry's authentication challenges: nothing while the registry allows anonymous
/// access; Basic with the user's credentials; or Bearer tokens from the realm, cached per scope set
/// and refreshed on 401. Credentials are looked up only when a challenge asks for them.
/// </summary>
internal sealed class RegistryAuthenticator
{
    private readonly string registry;
    private readonly PushOptions options;
    private readonly InsecureRegistryPolicy policy;
    private readonly Func<HttpRequestMessage, TimeSpan, CancellationToken, Task<HttpResponseMessage>> send;
    private readonly Lazy<RegistryCredential?> credential;
    private readonly ConcurrentDictionary<string, CachedToken> tokens = new();
    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private volatile AuthChallenge? challenge;
    private string? withheldRealm;

    public RegistryAuthenticator(
        string registry,
        PushOptions options,
        InsecureRegistryPolicy policy,
        Func<HttpRequestMessage, TimeSpan, CancellationToken, Task<HttpResponseMessage>> send)
    {
        this.registry = registry;
        this.options = options;
        this.policy = policy;
        this.send = send;
        credential = new Lazy<RegistryCredential?>(
            () => options.Credentials ?? DockerConfigStore.Find(registry, options.DockerConfigDirectory, options.CredentialHelperSearchPath, options.Log),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Records the challenge the registry's /v2/ answered with (null: anonymous access works).</summary>
    public void SetChallenge(AuthChallenge? value) => challenge = value;

    /// <summary>The Authorization header for a request needing <paramref name="scopes"/>, or null.</summary>
    public async Task<AuthenticationHeaderValue?> AuthorizationAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        AuthChallenge? current = challenge;
        if (current is null)
        {
            return null;
        }
        if (current.IsBasic)
        {
            RegistryCredential? basic = credential.Value;
            return basic is null ? null : BasicHeader(basic);
        }
        string key = string.Join(' ', scopes);
        if (tokens.TryGetValue(key, out CachedToken? cached) && cached.IsFresh)
        {
            return new AuthenticationHeaderValue("Bearer", cached.Token);
        }
        await tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (tokens.TryGetValue(key, out cached) && cached.IsFresh)
            {
                return new AuthenticationHeaderValue("Bearer", cached.Token);
            }
            CachedToken fresh = await FetchTokenAsync(current, scopes, cancellationToken);
            tokens[key] = fresh;
            return new AuthenticationHeaderValue("Bearer", fresh.Token);
        }
        finally
        {
            tokenLock.Release();
        }
    }

    /// <summary>
    /// Reacts to a 401: takes the new challenge, drops the cached token for these scopes and says
    /// whether sending the request once more may help.
    /// </summary>
    public bool HandleUnauthorized(HttpResponseMessage response, IReadOnlyList<string> scopes)
    {
        AuthChallenge? offered = AuthChallenge.Preferred(ReadChallenges(response));
        if (offered is null)
        {
            return false;
        }
        AuthChallenge? previous = challenge;
        challenge = offered;
        if (offered.IsBasic)
        {
            // Basic only helps if we did not send credentials already and have some to send.
            return previous is null || !previous.IsBasic ? credential.Value is not null : false;
        }
        tokens.TryRemove(string.Join(' ', scopes), out _);
        return true;
    }

    /// <summary>A sentence about the credentials used, for an "access denied" message (never the secret).</summary>
    public string DescribeCredentials()
    {
        RegistryCredential? used;
        try
        {
            used = credential.Value;
        }
        catch (ImageDslException error)
        {
            return error.Message;
        }
        string configPath = Path.Combine(options.DockerConfigDirectory ?? DockerConfigStore.DefaultDirectory(), "config.json");
        string text = used is null
            ? $"no credentials for {registry} were found (looked in {configPath})"
            : $"the credentials ({used}) were refused";
        if (withheldRealm is not null)
        {
            text += $"; credentials were not sent to the token realm {withheldRealm} because it is not https (name its host with --insecure-registry if that is intended)";
        }
        return text;
    }

    public static IReadOnlyList<AuthChallenge> ReadChallenges(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values)
            ? AuthChallenge.Parse(values)
            : [];

    private async Task<CachedToken> FetchTokenAsync(AuthChallenge bearer, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (bearer.Realm is null || !Uri.TryCreate(bearer.Realm, UriKind.Absolute, out Uri? realm) || realm.Scheme is not ("http" or "https"))
        {
            throw new ImageDslException(ErrorKind.Network,
                $"registry {registry} asked for a Bearer token but gave no usable realm URL ('{bearer.Realm}')",
                "The registry is misconfigured; check its auth.token.realm setting.");
        }
        RegistryCredential? user = credential.Value;
        if (user is not null && !policy.MaySendCredentials(realm))
        {
            withheldRealm = Redaction.Url(realm);
            options.Log?.Invoke($"warning: not sending credentials for {registry} to the token realm {withheldRealm}: it is not https");
            user = null;
        }

        Stopwatch watch = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? serverDelay = null;
            try
            {
                using HttpRequestMessage request = user?.IdentityToken is { } refresh
                    ? OAuthRequest(realm, bearer.Service, scopes, refresh)
                    : TokenRequest(realm, bearer.Service, scopes, user);
                using HttpResponseMessage response = await send(request, options.RequestTimeout, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await ParseTokenAsync(response, realm, cancellationToken);
                }
                string body = RegistryErrorBody.Describe(await ReadBodyAsync(response, cancellationToken));
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new ImageDslException(ErrorKind.Unauthorized,
                        $"the token server {Redaction.Url(realm)} refused access to {string.Join(" ", scopes)} on {registry} (HTTP {(int)response.StatusCode}{(body.Length > 0 ? ": " + body : "")}); {DescribeCredentials()}",
                        LoginHint(registry));
                }
                if (!RegistryTransient.IsTransient(response.StatusCode))
                {
                    throw new ImageDslException(ErrorKind.Network,
                        $"the token server {Redaction.Url(realm)} answered HTTP {(int)response.StatusCode}{(body.Length > 0 ? ": " + body : "")}");
                }
                failure = $"HTTP {(int)response.StatusCode}";
                serverDelay = RegistryTransient.RetryAfter(response);
            }
            catch (Exception error) when (RegistryTransient.IsTransportFailure(error, cancellationToken))
            {
                failure = error.Message;
            }
            TimeSpan? delay = options.Retry.DelayBeforeRetry(attempt, watch.Elapsed, serverDelay);
            if (delay is null)
            {
                throw new ImageDslException(ErrorKind.Network,
                    $"cannot get a token from {Redaction.Url(realm)} for {registry} after {attempt} attempt(s): {Redaction.Text(failure)}",
                    "Check the network and the registry's token service, then try again.");
            }
            await Task.Delay(delay.Value, cancellationToken);
        }
    }

    private static HttpRequestMessage TokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? user)
    {
        var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] + "&" : "");
        if (service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }
        foreach (string scope in scopes)
        {
            query.Append("&scope=").Append(Uri.EscapeDataString(scope));
        }
        if (user is not null && user.Username.Length > 0)
        {
            query.Append("&account=").Append(Uri.EscapeDataString(user.Username));
        }
        var url = new UriBuilder(realm) { Query = query.ToString().TrimStart('&') }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (user is not null)
        {
            request.Headers.Authorization = BasicHeader(user);
        }
        return request;
    }

    private static HttpRequestMessage OAuthRequest(Uri realm, string? service, IReadOnlyList<string> scopes, string refreshToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = "dotnet-image",
            ["scope"] = string.Join(' ', scopes),
        };
        if (service is not null)
        {
            form["service"] = service;
        }
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static async Task<CachedToken> ParseTokenAsync(HttpResponseMessage response, Uri realm, CancellationToken cancellationToken)
    {
        (string token, int seconds) = ParseToken(await ReadBodyAsync(response, cancellationToken), realm);
        // Refresh early: clocks differ and a request may take a while.
        return new CachedToken(token, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(seconds * 0.8));
    }

    /// <summary>A token server's JSON answer: the token (`token`, else `access_token`) and its lifetime in seconds (default 60).</summary>
    internal static (string Token, int ExpiresIn) ParseToken(string body, Uri realm)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("not an object");
            }
            string? token = null;
            if (root.TryGetProperty("token", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            {
                token = t.GetString();
            }
            if (string.IsNullOrEmpty(token) && root.TryGetProperty("access_token", out JsonElement a) && a.ValueKind == JsonValueKind.String)
            {
                token = a.GetString();
            }
            if (string.IsNullOrEmpty(token))
            {
                throw new JsonException("no token");
            }
            int seconds = root.TryGetProperty("expires_in", out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int s) && s > 0 ? s : 60;
            return (token, seconds);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that cannot be decoded (a lone surrogate escape).
            throw new ImageDslException(ErrorKind.Network, $"the token server {Redaction.Url(realm)} answered without a token in JSON");
        }
    }

    internal static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            return "";
        }
    }

    internal static string LoginHint(string registry) =>
        $"Log in with: dotnet image login {registry} -u <user> --password-stdin (or set DOCKER_CONFIG to a directory whose config.json has credentials for {registry}).";

    private static AuthenticationHeaderValue BasicHeader(RegistryCredential user) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Username}:{user.Password}")));

    private sealed record CachedToken(string Token, DateTimeOffset Expires)
    {
        public bool IsFresh => DateTimeOffset.UtcNow < Expires;
    }
}
