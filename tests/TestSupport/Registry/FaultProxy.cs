using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>What the proxy does with one request instead of (or before) forwarding it.</summary>
public abstract record Fault
{
    /// <summary>Answer with this status (and Retry-After header when given) without forwarding.</summary>
    public sealed record Status(int Code, string? RetryAfter = null) : Fault;

    /// <summary>Read this many bytes of the request body, then drop the connection.</summary>
    public sealed record ResetMidBody(int BytesRead) : Fault;

    /// <summary>Forward the request, then drop the connection instead of answering.</summary>
    public sealed record ResetAfterForward : Fault;

    /// <summary>Wait, then forward.</summary>
    public sealed record Delay(TimeSpan Time) : Fault;
}

/// <summary>One request seen by the proxy.</summary>
public sealed record ProxiedRequest(string Method, string Path, string Query, long? ContentLength, bool Faulted, string UserAgent);

/// <summary>
/// A loopback reverse proxy in front of a registry that counts requests and injects faults chosen
/// per request by <see cref="Rule"/> (null: forward unchanged). The Host header is passed through, so
/// the registry's upload Locations point back at the proxy.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;
    private readonly HttpClient upstream;

    private FaultProxy(LoopbackHttpServer server, HttpClient upstream)
    {
        this.server = server;
        this.upstream = upstream;
    }

    public string Host => server.HostAndPort;

    /// <summary>Chooses a fault for a request (method, path, and how many requests like it came before).</summary>
    public Func<HttpRequest, Fault?> Rule { get; set; } = _ => null;

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>Blob data requests: upload POSTs without mount, and PUT/PATCH to upload sessions.</summary>
    public int BlobUploadRequests => Requests.Count(r =>
        r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal) && !r.Query.Contains("mount=", StringComparison.Ordinal));

    public static async Task<FaultProxy> StartAsync(string registryHost)
    {
        var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri($"http://{registryHost}/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        FaultProxy? self = null;
        LoopbackHttpServer server = await LoopbackHttpServer.StartAsync(context => self!.HandleAsync(context));
        self = new FaultProxy(server, upstream);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        Fault? fault = Rule(request);
        Requests.Enqueue(new ProxiedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.ContentLength, fault is not null and not Fault.Delay, request.Headers.UserAgent.ToString()));
        switch (fault)
        {
            case Fault.Status status:
                await DrainAsync(request, long.MaxValue);
                context.Response.StatusCode = status.Code;
                if (status.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = status.RetryAfter;
                }
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($$"""{"errors":[{"code":"INJECTED","message":"injected fault {{status.Code}}"}]}""");
                return;
            case Fault.ResetMidBody reset:
                await DrainAsync(request, reset.BytesRead);
                context.Abort();
                return;
            case Fault.Delay delay:
                await Task.Delay(delay.Time, context.RequestAborted);
                break;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value + request.QueryString.Value);
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0 || request.Method is "PUT" or "PATCH" or "POST")
        {
            forward.Content = new StreamContent(request.Body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        forward.Headers.Host = request.Host.Value;
        using HttpResponseMessage answer = await upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (fault is Fault.ResetAfterForward)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        if (request.Method != "HEAD")
        {
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static async Task DrainAsync(HttpRequest request, long limit)
    {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        while (total < limit)
        {
            int read = await request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)));
            if (read == 0)
            {
                break;
            }
            total += read;
        }
    }
}
