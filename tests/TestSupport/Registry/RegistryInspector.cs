using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// Reads a registry directly (anonymous, plain HTTP) to check what a push left behind: for every
/// tag that exists, its manifest, every child manifest and every blob must exist.
/// </summary>
public static class RegistryInspector
{
    private static readonly string[] Accept =
        ["application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json"];

    /// <summary>The digest a tag points to, or null when the tag does not exist.</summary>
    public static async Task<string?> TagDigestAsync(string host, string repository, string tag)
    {
        using HttpClient http = Client();
        using HttpResponseMessage response = await http.SendAsync(Request(HttpMethod.Head, $"http://{host}/v2/{repository}/manifests/{tag}"));
        return response.StatusCode == HttpStatusCode.NotFound ? null : response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>
    /// Problems with the content of the given tags (empty when every existing tag is complete).
    /// Tags that do not exist are fine: a failed push may write none.
    /// </summary>
    public static async Task<List<string>> MissingContentAsync(string host, string repository, params string[] tags)
    {
        var problems = new List<string>();
        using HttpClient http = Client();
        foreach (string tag in tags)
        {
            using HttpResponseMessage response = await http.SendAsync(Request(HttpMethod.Get, $"http://{host}/v2/{repository}/manifests/{tag}"));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }
            response.EnsureSuccessStatusCode();
            await CheckAsync(http, host, repository, await response.Content.ReadAsStringAsync(), tag, problems);
        }
        return problems;
    }

    private static async Task CheckAsync(HttpClient http, string host, string repository, string json, string from, List<string> problems)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("manifests", out JsonElement children))
        {
            foreach (JsonElement child in children.EnumerateArray())
            {
                string digest = child.GetProperty("digest").GetString()!;
                using HttpResponseMessage response = await http.SendAsync(Request(HttpMethod.Get, $"http://{host}/v2/{repository}/manifests/{digest}"));
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add($"{from}: manifest {digest} is missing ({(int)response.StatusCode})");
                    continue;
                }
                await CheckAsync(http, host, repository, await response.Content.ReadAsStringAsync(), digest, problems);
            }
            return;
        }
        var blobs = new List<string> { root.GetProperty("config").GetProperty("digest").GetString()! };
        blobs.AddRange(root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!));
        foreach (string blob in blobs)
        {
            using HttpResponseMessage response = await http.SendAsync(Request(HttpMethod.Head, $"http://{host}/v2/{repository}/blobs/{blob}"));
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{from}: blob {blob} is missing ({(int)response.StatusCode})");
            }
        }
    }

    private static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (string type in Accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        return request;
    }
}
