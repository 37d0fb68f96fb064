using ImageDsl.Tests.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Serves a repository folder on 127.0.0.1. Files whose name ends with <see cref="ThrottledSuffix"/>
/// are sent slowly (small chunks with pauses) while <see cref="Throttle"/> is on, and
/// <see cref="Streaming"/> completes once such a file has started to flow, so a test can kill a
/// client in the middle of a download.
/// </summary>
internal sealed class ThrottledRepositoryServer : IAsyncDisposable
{
    private readonly string _root;
    private LoopbackHttpServer? _server;

    private ThrottledRepositoryServer(string root)
    {
        _root = root;
    }

    public string BaseUrl => $"http://{_server!.HostAndPort}";

    public string ThrottledSuffix { get; init; } = ".apk";

    public volatile bool Throttle;

    public TaskCompletionSource Streaming { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Requests;

    public static async Task<ThrottledRepositoryServer> StartAsync(string root, bool throttle)
    {
        var server = new ThrottledRepositoryServer(root) { Throttle = throttle };
        server._server = await LoopbackHttpServer.StartAsync(server.HandleAsync);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        string relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        string file = Path.GetFullPath(Path.Combine(_root, relative));
        if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        byte[] bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentLength = bytes.Length;
        if (!Throttle || !file.EndsWith(ThrottledSuffix, StringComparison.Ordinal))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            return;
        }
        const int chunk = 8192;
        try
        {
            for (int at = 0; at < bytes.Length; at += chunk)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(chunk, bytes.Length - at)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Streaming.TrySetResult();
                await Task.Delay(50, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client was killed mid-download: that is the point
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
