using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// apko's key discovery before a build: Alpine repositories (`.../alpine/&lt;branch&gt;/&lt;repo&gt;`) get the
/// branch's keys from Alpine's releases.json, other http(s) repositories may publish theirs at
/// `&lt;repo&gt;/apk-configuration` (Chainguard). Discovered keys join the keyring (and so `/etc/apk/keys`).
/// </summary>
internal static class KeyDiscoveryStep
{
    public static async Task<ApkInputs> AddDiscoveredKeysAsync(ApkInputs inputs, IReadOnlyList<Architecture> archs, BuildRequest request,
        RepositoryClient client, string temporaryDirectory, CancellationToken cancellationToken)
    {
        if (!request.DiscoverKeys || request.Repository.Offline || !inputs.Repositories.Any(r => r.IsRemote))
        {
            return inputs;
        }
        // The repositories' client: the same handler, connection pool and User-Agent; its bounds are the discovery's own.
        var discovery = new RepositoryKeyDiscovery(client.HttpClient, request.AlpineReleases);
        string folder = Path.Combine(temporaryDirectory, "discovered-keys");
        var added = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ApkRepository repository in inputs.Repositories.Where(r => r.IsRemote))
        {
            foreach (Architecture arch in archs)
            {
                IReadOnlyList<DiscoveredKey> keys;
                try
                {
                    keys = await discovery.DiscoverAsync(repository.Url, arch.ApkName, cancellationToken);
                }
                catch (Exception e) when (e is ImageDslException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    request.Progress.Warning($"key discovery for {UrlRedaction.Redact(repository.Url)} ({arch}) failed: {e.Message}");
                    continue;
                }
                foreach (DiscoveredKey key in keys)
                {
                    Directory.CreateDirectory(folder);
                    string path = Path.Combine(folder, key.FileName);
                    await File.WriteAllTextAsync(path, key.Pem, cancellationToken);
                    if (added.Add(path))
                    {
                        request.Progress.Debug($"discovered key {key.FileName} from {key.Source}");
                    }
                }
            }
        }
        return added.Count == 0 ? inputs : inputs with { Keyring = inputs.Keyring.Concat(added).Distinct(StringComparer.Ordinal).ToList() };
    }
}
