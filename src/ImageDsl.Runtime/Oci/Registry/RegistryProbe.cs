using System.Net;
using System.Net.Http.Headers;

namespace ImageDsl.Oci.Registry;

/// <summary>HEAD requests: does the registry have this blob or manifest?</summary>
internal static class RegistryProbe
{
    public static async Task<bool> BlobExistsAsync(RegistryConnection connection, PushOptions options, string repository, string digest, CancellationToken cancellationToken)
    {
        var url = new Uri(await connection.BaseUriAsync(cancellationToken), $"v2/{repository}/blobs/{digest}");
        return await ExistsAsync(connection, options, url, RegistryClient.PushScopes(repository), $"HEAD blob {Digests.Short(digest)} in {repository}", [], cancellationToken);
    }

    /// <summary>True on 2xx, false on 404; other answers are errors.</summary>
    public static async Task<bool> ExistsAsync(
        RegistryConnection connection, PushOptions options, Uri url, string[] scopes, string action, string[] accept, CancellationToken cancellationToken)
    {
        var spec = new RegistryRequest(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Head, url);
                foreach (string type in accept)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }
                return request;
            },
            scopes,
            action,
            options.RequestTimeout,
            Retry: true);
        using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        throw await RegistryClient.UnexpectedAsync(action, url, response, cancellationToken);
    }
}
