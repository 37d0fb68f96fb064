using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Reflection;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// The HTTP side of one registry: finds its base URL (https first; http only where allowed), sends
/// requests with authentication, and retries transient failures with backoff.
/// </summary>
internal sealed class RegistryConnection : IDisposable
{
    private static readonly string UserAgent = ProductVersion.UserAgent;
    private readonly HttpClient http;
    private readonly PushOptions options;
    private readonly InsecureRegistryPolicy policy;
    private readonly SemaphoreSlim pingLock = new(1, 1);
    private Uri? baseUri;

    public RegistryConnection(string registry, PushOptions options, PushStatistics statistics)
    {
        Registry = registry;
        this.options = options;
        Statistics = statistics;
        policy = new InsecureRegistryPolicy(options.InsecureRegistries);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Unverified certificates only for loopback hosts and hosts named insecure.
                RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                    errors == SslPolicyErrors.None ||
                    (sender is SslStream stream && policy.AllowsInsecureCertificate(stream.TargetHostName)),
            },
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Authenticator = new RegistryAuthenticator(registry, options, policy, SendOnceAsync);
    }

    public string Registry { get; }

    public PushStatistics Statistics { get; }

    public RegistryAuthenticator Authenticator { get; }

    public Action<string>? Log => options.Log;

    /// <summary>The registry's base URL (<c>https://host/</c> or <c>http://host/</c>), found by pinging /v2/.</summary>
    public async Task<Uri> BaseUriAsync(CancellationToken cancellationToken)
    {
        if (baseUri is { } known)
        {
            return known;
        }
        await pingLock.WaitAsync(cancellationToken);
        try
        {
            baseUri ??= await PingAsync(cancellationToken);
            return baseUri;
        }
        finally
        {
            pingLock.Release();
        }
    }

    /// <summary>
    /// Sends a request: authenticates, answers one 401 by re-authenticating, turns 401/403 into
    /// <see cref="ErrorKind.Unauthorized"/>, retries transient failures when <see cref="RegistryRequest.Retry"/>
    /// is set and otherwise throws <see cref="TransientRegistryException"/>. Other statuses are returned.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(RegistryRequest spec, CancellationToken cancellationToken)
    {
        Stopwatch watch = Stopwatch.StartNew();
        bool reauthenticated = false;
        for (int attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? serverDelay = null;
            Exception? cause = null;
            using (HttpRequestMessage request = spec.Create())
            {
                try
                {
                    Uri origin = await BaseUriAsync(cancellationToken);
                    bool sameOrigin = RequestOrigin.Same(request.RequestUri!, origin);
                    if (!sameOrigin)
                    {
                        Log?.Invoke($"{spec.Action}: {Redaction.Url(request.RequestUri!)} is not on {RequestOrigin.Describe(origin)}; sending it without credentials");
                    }
                    request.Headers.Authorization = sameOrigin ? await Authenticator.AuthorizationAsync(spec.Scopes, cancellationToken) : null;
                    HttpResponseMessage response = await SendOnceAsync(request, spec.Timeout, cancellationToken, spec.StreamBody);
                    if (response.StatusCode == HttpStatusCode.Unauthorized && sameOrigin && !reauthenticated &&
                        Authenticator.HandleUnauthorized(response, spec.Scopes))
                    {
                        reauthenticated = true;
                        response.Dispose();
                        attempt--;
                        continue;
                    }
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        throw await DeniedAsync(spec, request.RequestUri!, response, sameOrigin, cancellationToken);
                    }
                    if (!RegistryTransient.IsTransient(response.StatusCode))
                    {
                        return response;
                    }
                    string body = RegistryErrorBody.Describe(await RegistryAuthenticator.ReadBodyAsync(response, cancellationToken));
                    failure = $"HTTP {(int)response.StatusCode}{(body.Length > 0 ? ": " + body : "")}";
                    serverDelay = RegistryTransient.RetryAfter(response);
                    response.Dispose();
                }
                catch (Exception error) when (RegistryTransient.IsTransportFailure(error, cancellationToken))
                {
                    failure = error is OperationCanceledException or TimeoutException
                        ? $"no answer within {spec.Timeout.TotalSeconds:0.#} s"
                        : Describe(error);
                    cause = error;
                }
                if (!spec.Retry)
                {
                    throw new TransientRegistryException($"{spec.Action} ({Redaction.Url(request.RequestUri!)}): {failure}", serverDelay, cause);
                }
                TimeSpan? delay = options.Retry.DelayBeforeRetry(attempt, watch.Elapsed, serverDelay);
                if (delay is null)
                {
                    throw new ImageDslException(ErrorKind.Network,
                        $"{spec.Action} failed after {attempt} attempt(s): {Redaction.Url(request.RequestUri!)}: {failure}",
                        NetworkHint, cause);
                }
                Statistics.Retry();
                Log?.Invoke($"retrying {spec.Action} in {delay.Value.TotalSeconds:0.##} s: {failure}");
                await Task.Delay(delay.Value, cancellationToken);
            }
        }
    }

    /// <summary>The most bytes read of one registry or token-server answer body (error bodies, tokens): 1 MiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const string NetworkHint = "Check the network and that the registry is up, then run again; already-pushed blobs are skipped.";

    /// <summary>An absolute URL for a Location header, which may be relative to the registry.</summary>
    public static Uri Resolve(Uri requestUri, string location) => new(requestUri, location);

    public void Dispose()
    {
        http.Dispose();
        pingLock.Dispose();
    }

    /// <summary>One attempt with a time limit; counts the request. Caller's cancellation propagates.</summary>
    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendOnceAsync(request, timeout, cancellationToken, streamBody: false);

    /// <summary>As above; with <paramref name="streamBody"/>, a successful answer's body is left for the caller to read.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken, bool streamBody)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        Statistics.Request();
        try
        {
            HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            if (request.Method != HttpMethod.Head && !(streamBody && response.IsSuccessStatusCode))
            {
                // Every body a push reads (errors, tokens, /v2/) is small: read it here, bounded in size and
                // in silence, within the request's time limit, so a stalled or endless body cannot hang us.
                try
                {
                    byte[] body = await Apk.Repositories.IdleTimeoutRead.ReadBodyAsync(response.Content, MaxBodyBytes, options.IdleTimeout, timeoutSource.Token);
                    var buffered = new ByteArrayContent(body);
                    foreach (var header in response.Content.Headers)
                    {
                        buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                    response.Content.Dispose();
                    response.Content = buffered;
                }
                catch (Exception error)
                {
                    response.Dispose();
                    if (error is Apk.Repositories.ResponseTooLargeException)
                    {
                        throw new ImageDslException(ErrorKind.Network,
                            $"{Redaction.Url(request.RequestUri!)} answered HTTP {(int)response.StatusCode} with a body larger than {MaxBodyBytes / (1024 * 1024)} MiB; registry answers are small, so this one is refused unread",
                            "Check that the registry (or a proxy in front of it) is an OCI registry.");
                    }
                    throw;
                }
            }
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<Uri> PingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Uri> candidates = policy.Candidates(Registry);
        Stopwatch watch = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            var failures = new List<string>();
            TimeSpan? serverDelay = null;
            foreach (Uri candidate in candidates)
            {
                var url = new Uri(candidate, "v2/");
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    using HttpResponseMessage response = await SendOnceAsync(request, options.RequestTimeout, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        Authenticator.SetChallenge(null);
                        return candidate;
                    }
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        Authenticator.SetChallenge(AuthChallenge.Preferred(RegistryAuthenticator.ReadChallenges(response)));
                        return candidate;
                    }
                    if (!RegistryTransient.IsTransient(response.StatusCode))
                    {
                        throw new ImageDslException(ErrorKind.Network,
                            $"{Redaction.Url(url)} answered HTTP {(int)response.StatusCode}; {Registry} does not look like an OCI registry",
                            "Check the registry host and port in the image reference.");
                    }
                    serverDelay = RegistryTransient.RetryAfter(response);
                    failures.Add($"{Redaction.Url(url)}: HTTP {(int)response.StatusCode}");
                }
                catch (Exception error) when (RegistryTransient.IsTransportFailure(error, cancellationToken))
                {
                    failures.Add($"{Redaction.Url(url)}: {Describe(error)}");
                }
            }
            TimeSpan? delay = options.Retry.DelayBeforeRetry(attempt, watch.Elapsed, serverDelay);
            if (delay is null)
            {
                string insecure = policy.AllowsInsecure(Registry) ? "" :
                    $" If {Registry} serves plain HTTP or a self-signed certificate, pass --insecure-registry {Registry}.";
                throw new ImageDslException(ErrorKind.Network,
                    $"cannot reach registry {Registry} after {attempt} attempt(s): {string.Join("; ", failures)}",
                    NetworkHint + insecure);
            }
            Statistics.Retry();
            await Task.Delay(delay.Value, cancellationToken);
        }
    }

    private async Task<ImageDslException> DeniedAsync(RegistryRequest spec, Uri url, HttpResponseMessage response, bool sameOrigin, CancellationToken cancellationToken)
    {
        if (!sameOrigin)
        {
            response.Dispose();
            return new ImageDslException(ErrorKind.Unauthorized,
                $"registry {Registry} sent {spec.Action} to another origin ({Redaction.Url(url)}), which then asked for credentials; credentials for {Registry} are never sent to another host, port or scheme",
                "The registry's Location header points away from it; check its public URL setting (e.g. a proxy rewriting hosts or https to http).");
        }
        string body = RegistryErrorBody.Describe(await RegistryAuthenticator.ReadBodyAsync(response, cancellationToken));
        int status = (int)response.StatusCode;
        response.Dispose();
        return new ImageDslException(ErrorKind.Unauthorized,
            $"registry {Registry} denied {spec.Action} (HTTP {status}{(body.Length > 0 ? ": " + body : "")}; {Redaction.Url(url)}); {Authenticator.DescribeCredentials()}",
            RegistryAuthenticator.LoginHint(Registry));
    }

    private static string Describe(Exception error)
    {
        // HttpRequestException wraps the socket error that says what actually happened.
        string message = error.Message;
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += ": " + inner.Message;
        }
        return Redaction.Text(message);
    }
}
