using System.Net.Sockets;
using System.Text;

namespace ImageDsl.Tests.Build;

/// <summary>
/// A stand-in for the Docker engine's API on a unix socket in a temporary folder: it records one request
/// (request line, headers, body) and answers with a fixed status and JSON-lines body.
/// </summary>
internal sealed class UnixSocketEngine : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _serve;

    public UnixSocketEngine(string socketPath, int status, string answer)
    {
        SocketPath = socketPath;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(1);
        _serve = Task.Run(() => ServeOneAsync(status, answer));
    }

    public string SocketPath { get; }

    public string RequestLine { get; private set; } = "";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; private set; } = [];

    /// <summary>Waits for the one request to have been answered.</summary>
    public void WaitServed() => Assert.True(_serve.Wait(TimeSpan.FromMinutes(2)), "the engine stand-in got no request");

    private async Task ServeOneAsync(int status, string answer)
    {
        using Socket client = await _listener.AcceptAsync();
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var head = new List<byte>();
        while (!EndsWithBlankLine(head))
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return;
            }
            head.Add((byte)b);
        }
        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        RequestLine = lines[0];
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            Headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new MemoryStream();
        if (Headers.TryGetValue("Content-Length", out string? length))
        {
            var buffer = new byte[long.Parse(length)];
            await stream.ReadExactlyAsync(buffer);
            body.Write(buffer);
        }
        else if (Headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked"))
        {
            while (true)
            {
                int size = Convert.ToInt32(ReadLine(stream).Split(';')[0], 16);
                if (size == 0)
                {
                    ReadLine(stream);
                    break;
                }
                var chunk = new byte[size];
                await stream.ReadExactlyAsync(chunk);
                body.Write(chunk);
                ReadLine(stream);
            }
        }
        Body = body.ToArray();
        byte[] payload = Encoding.UTF8.GetBytes(answer);
        string response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        await stream.WriteAsync(payload);
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (b != '\r')
            {
                line.Append((char)b);
            }
        }
        return line.ToString();
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public void Dispose() => _listener.Dispose();
}
