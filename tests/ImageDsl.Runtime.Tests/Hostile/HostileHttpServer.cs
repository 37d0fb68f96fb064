using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageDsl.Tests.Hostile;

/// <summary>One request as a <see cref="HostileHttpServer"/> received it.</summary>
internal sealed record HostileRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string? Authorization => Headers.TryGetValue("authorization", out string? value) ? value : null;
}

/// <summary>
/// A raw HTTP/1.1 server on a loopback address and an OS-chosen port, for servers that misbehave in ways
/// a well-behaved framework would not let us: answers are written by the test's handler straight to the
/// socket (so it can trickle, lie about lengths or point Location anywhere). Every request is logged.
/// Connections that do not speak HTTP (a TLS hello) are closed.
/// </summary>
internal sealed class HostileHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<HostileRequest, Stream, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();

    public HostileHttpServer(Func<HostileRequest, Stream, CancellationToken, Task> handler, string address = "127.0.0.1")
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        Origin = $"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>`http://address:port`.</summary>
    public string Origin { get; }

    /// <summary>`address:port`, as a registry host.</summary>
    public string HostPort => Origin["http://".Length..];

    public ConcurrentQueue<HostileRequest> Requests { get; } = new();

    /// <summary>Writes a whole answer with the given status, headers and body.</summary>
    public static async Task AnswerAsync(Stream stream, int status, string body = "", params (string Name, string Value)[] headers)
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        var text = new StringBuilder($"HTTP/1.1 {status} X\r\nContent-Length: {content.Length}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
        await stream.WriteAsync(content);
        await stream.FlushAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                while (!_stop.IsCancellationRequested)
                {
                    HostileRequest? request = await ReadRequestAsync(stream);
                    if (request is null)
                    {
                        return;
                    }
                    Requests.Enqueue(request);
                    await _handler(request, stream, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away, or the test ended
            }
        }
    }

    /// <summary>Reads the request head and skips a Content-Length body; null when the peer does not speak HTTP.</summary>
    private static async Task<HostileRequest?> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }
            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                break;
            }
            if (head.Count == 1 && !char.IsAsciiLetterUpper((char)one[0]))
            {
                return null; // TLS or garbage
            }
        }
        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }
        if (headers.TryGetValue("content-length", out string? length) && long.TryParse(length, out long remaining))
        {
            var buffer = new byte[81920];
            while (remaining > 0)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
                if (n == 0)
                {
                    return null;
                }
                remaining -= n;
            }
        }
        return new HostileRequest(first[0], first.Length > 1 ? first[1] : "/", headers);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
