using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ImageDsl.Tests.Apk;

/// <summary>
/// A static file server on 127.0.0.1 for repository tests: strong ETags, 304 on If-None-Match,
/// scripted failures, optional basic auth, and a log of what was asked.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;

    public LoopbackServer(string root)
    {
        _root = root;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; } = "";

    /// <summary>Each request: method, path, If-None-Match, Authorization, answered status.</summary>
    public ConcurrentQueue<(string Path, string? IfNoneMatch, string? Authorization, int Status)> Log { get; } = new();

    /// <summary>Statuses to answer (in order) before serving a path normally.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<int>> Failures { get; } = new();

    /// <summary>When set, requests must carry this Authorization header value.</summary>
    public string? RequiredAuthorization { get; set; }

    public void FailNext(string path, params int[] statuses) => Failures[path] = new ConcurrentQueue<int>(statuses);

    public int Count(string path) => Log.Count(l => l.Path == path);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Handle(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // the client went away
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        string? ifNoneMatch = context.Request.Headers["If-None-Match"];
        string? authorization = context.Request.Headers["Authorization"];
        HttpListenerResponse response = context.Response;
        int status = 200;
        if (RequiredAuthorization is not null && authorization != RequiredAuthorization)
        {
            status = 401;
        }
        else if (Failures.TryGetValue(path, out var queue) && queue.TryDequeue(out int failure))
        {
            status = failure;
            if (status == 503)
            {
                response.Headers["Retry-After"] = "0";
            }
        }
        string file = Path.Combine(_root, Uri.UnescapeDataString(path.TrimStart('/')));
        if (status == 200 && !File.Exists(file))
        {
            status = 404;
        }
        if (status == 200)
        {
            byte[] bytes = File.ReadAllBytes(file);
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            response.Headers["ETag"] = etag;
            if (ifNoneMatch == etag)
            {
                status = 304;
            }
            else
            {
                response.StatusCode = 200;
                response.ContentLength64 = bytes.Length;
                response.OutputStream.Write(bytes);
            }
        }
        if (status != 200)
        {
            response.StatusCode = status;
            byte[] body = status == 304 ? [] : Encoding.UTF8.GetBytes($"status {status}");
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
        }
        Log.Enqueue((path, ifNoneMatch, authorization, status));
        response.Close();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
        {
            return;
        }
        // Close alone: after Stop, Close looks the port up again and binds it anew to unregister it, which fails
        // ("Address already in use") when another test has taken the port in between.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
