using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Engine;

/// <summary>
/// `publish --local`: loads one image into the local Docker or Podman engine through its API
/// (`POST /images/load` with a docker archive, over the engine's unix socket), as apko's `--local` does
/// through the Docker client.
/// </summary>
public static class EngineLoader
{
    /// <summary>The most of the engine's answer that is read.</summary>
    private const int MaxResponse = 1 << 20;

    /// <summary>
    /// The image of <paramref name="index"/> to load: the host's architecture when built, else the first
    /// (an engine runs one architecture; apko also picks one "best guess" image).
    /// </summary>
    public static OciImage Choose(OciImageIndex index) =>
        index.Images.FirstOrDefault(i => i.Architecture == Model.Architecture.Host) ?? index.Images[0];

    /// <summary>Sends <paramref name="image"/> tagged <paramref name="tags"/> to the engine at <paramref name="socketPath"/>.</summary>
    /// <returns>The engine's report lines (e.g. "Loaded image: hello:1").</returns>
    /// <exception cref="ImageDslException">The engine cannot be reached (exit 4) or refuses the image (exit 6).</exception>
    public static async Task<IReadOnlyList<string>> LoadAsync(string socketPath, BlobStore store, OciImage image,
        IReadOnlyList<string> tags, string temporaryDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        string archive = Path.Combine(temporaryDirectory, $"engine-load-{Guid.NewGuid():N}.tar");
        try
        {
            using (var file = new FileStream(archive, FileMode.CreateNew, FileAccess.Write))
            {
                DockerArchive.Write(file, store, image, tags);
            }
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
                UseProxy = false,
            };
            using var http = new HttpClient(handler) { Timeout = timeout };
            await using var body = File.OpenRead(archive);
            using var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
            // The host name is only the HTTP Host header: the connection is the socket above.
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/images/load?quiet=1") { Content = content };
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException error)
            {
                throw new ImageDslException(ErrorKind.Network, $"--local: cannot talk to the engine at {socketPath}: {error.Message}",
                    "Check that Docker or Podman is running and that you may use its socket (e.g. membership of the docker group).", error);
            }
            using (response)
            {
                string text = await ReadBoundedAsync(response.Content, cancellationToken);
                IReadOnlyList<string> lines = Messages(text, out string? engineError);
                if (!response.IsSuccessStatusCode || engineError is not null)
                {
                    throw new ImageDslException(ErrorKind.Output,
                        $"--local: the engine at {socketPath} refused the image (HTTP {(int)response.StatusCode}): {engineError ?? text.Trim()}",
                        "Check the engine's log; `docker load` of a tar from `dotnet image build` shows the same error.");
                }
                return lines;
            }
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>The engine answers with JSON lines: `{"stream": "..."}` or `{"error": "..."}`.</summary>
    private static IReadOnlyList<string> Messages(string text, out string? error)
    {
        error = null;
        var lines = new List<string>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using JsonDocument json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                if (json.RootElement.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.String)
                {
                    error = e.GetString();
                }
                else if (json.RootElement.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.String && s.GetString()!.Trim() is { Length: > 0 } said)
                {
                    lines.Add(said);
                }
            }
            catch (JsonException)
            {
                lines.Add(line); // an engine that answers in plain text
            }
        }
        return lines;
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponse];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
