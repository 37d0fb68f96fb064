using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Publishes the image of an OCI layout to one or more tags (any repositories and registries):
/// every blob and manifest first (skipping what exists, mounting what another repository of the same
/// registry has), then a HEAD check of all of it, and only then the tags. A failure leaves no tag
/// pointing at missing content.
/// </summary>
public static class LayoutPusher
{
    /// <summary>
    /// Pushes the image in <paramref name="layoutDirectory"/> to every reference in <paramref name="tags"/>
    /// (which must carry tags, not digests) and returns the digest, references and counters.
    /// </summary>
    public static Task<PushResult> PushAsync(string layoutDirectory, IReadOnlyList<ImageReference> tags, PushOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckTags(tags);
        return PushAsync(LayoutContent.Load(layoutDirectory, options.LayoutEntry), tags, options, cancellationToken);
    }

    /// <summary>
    /// Pushes the image whose root index or manifest is <paramref name="rootDigest"/> straight from a build's
    /// <paramref name="store"/> (no layout is written and read back), as <see cref="PushAsync(string, IReadOnlyList{ImageReference}, PushOptions, CancellationToken)"/> does.
    /// </summary>
    public static Task<PushResult> PushAsync(BlobStore store, string rootDigest, IReadOnlyList<ImageReference> tags, PushOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        CheckTags(tags);
        return PushAsync(LayoutContent.FromBlobs(store.Directory, rootDigest), tags, options, cancellationToken);
    }

    private static void CheckTags(IReadOnlyList<ImageReference> tags)
    {
        if (tags.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, "give at least one tag to push to", "e.g. ghcr.io/acme/app:latest");
        }
        foreach (ImageReference tag in tags)
        {
            if (tag.Tag is null || tag.Digest is not null)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"'{tag}' cannot be pushed to: give a tag, not a digest", "e.g. ghcr.io/acme/app:latest");
            }
        }
    }

    private static async Task<PushResult> PushAsync(LayoutContent layout, IReadOnlyList<ImageReference> tags, PushOptions options, CancellationToken cancellationToken)
    {
        var statistics = new PushStatistics();
        var clients = new Dictionary<string, RegistryClient>();
        try
        {
            foreach (ImageReference tag in tags)
            {
                if (!clients.ContainsKey(tag.Registry))
                {
                    clients[tag.Registry] = new RegistryClient(tag.Registry, options, statistics);
                }
            }
            List<(RegistryClient Client, string Repository)> repositories = tags
                .Select(t => (clients[t.Registry], t.Repository))
                .Distinct()
                .ToList();

            // 1. Content: blobs, then manifests below the root, in every repository.
            var known = new ConcurrentDictionary<(string Registry, string Digest), string>();
            foreach ((RegistryClient client, string repository) in repositories)
            {
                await PushBlobsAsync(client, repository, layout, known, options, cancellationToken);
                await PushManifestsAsync(client, repository, layout, options, cancellationToken);
            }
            // 2. Check every repository has all of it before any tag exists.
            foreach ((RegistryClient client, string repository) in repositories)
            {
                await VerifyAsync(client, repository, layout, cancellationToken);
            }
            // 3. Tags.
            var written = new List<ImageReference>();
            foreach (ImageReference tag in tags)
            {
                await WriteTagAsync(clients[tag.Registry], tag, layout.Root, written, options, cancellationToken);
                written.Add(tag);
            }

            ImageReference first = tags[0];
            return new PushResult(
                layout.Root.Digest,
                layout.Root.MediaType,
                first.WithDigest(layout.Root.Digest),
                layout.PlatformManifests.Select(m => first.WithDigest(m.Digest)).ToArray(),
                written,
                statistics.Snapshot());
        }
        finally
        {
            foreach (RegistryClient client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task PushBlobsAsync(
        RegistryClient client, string repository, LayoutContent layout,
        ConcurrentDictionary<(string, string), string> known, PushOptions options, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(Math.Max(1, options.MaxParallelUploads));
        Task[] uploads = layout.Blobs.Select(async blob =>
        {
            await gate.WaitAsync(failed.Token);
            try
            {
                await PushBlobAsync(client, repository, blob, known, options, failed.Token);
            }
            catch
            {
                // Stop the other uploads: the push fails anyway and no tag will be written.
                failed.Cancel();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        try
        {
            await Task.WhenAll(uploads);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception first = uploads
                .Where(t => t.IsFaulted)
                .Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException)
                ?? uploads.First(t => t.IsFaulted || t.IsCanceled).Exception?.InnerException
                ?? new OperationCanceledException();
            ExceptionDispatchInfo.Throw(first);
        }
    }

    private static async Task PushBlobAsync(
        RegistryClient client, string repository, LayoutBlob blob,
        ConcurrentDictionary<(string, string), string> known, PushOptions options, CancellationToken cancellationToken)
    {
        string where = $"{client.Registry}/{repository}";
        try
        {
            if (await client.BlobExistsAsync(repository, blob.Digest, cancellationToken))
            {
                client.Statistics.BlobExisting();
                known.TryAdd((client.Registry, blob.Digest), repository);
                options.Log?.Invoke($"exists  {Digests.Short(blob.Digest)} in {where}");
                return;
            }
            string? from = known.TryGetValue((client.Registry, blob.Digest), out string? other) && other != repository ? other : null;
            bool mounted = await client.UploadBlobAsync(repository, blob.Digest, blob.Size, blob.Path, from, cancellationToken);
            known.TryAdd((client.Registry, blob.Digest), repository);
            options.Log?.Invoke(mounted
                ? $"mounted {Digests.Short(blob.Digest)} from {from} to {where}"
                : $"pushed  {Digests.Short(blob.Digest)} ({blob.Size} bytes) to {where}");
        }
        catch (ImageDslException error)
        {
            throw new ImageDslException(error.Kind,
                $"pushing blob {blob.Digest} ({blob.MediaType}, {blob.Size} bytes) to {where} failed; no tag was written: {error.Message}",
                error.Hint, error);
        }
    }

    private static async Task PushManifestsAsync(RegistryClient client, string repository, LayoutContent layout, PushOptions options, CancellationToken cancellationToken)
    {
        string where = $"{client.Registry}/{repository}";
        foreach (LayoutManifest manifest in layout.Manifests)
        {
            try
            {
                if (await client.ManifestExistsAsync(repository, manifest.Digest, cancellationToken))
                {
                    client.Statistics.ManifestExisting();
                    continue;
                }
                await client.PutManifestAsync(repository, manifest.Digest, manifest.Content, manifest.MediaType, cancellationToken);
                client.Statistics.ManifestPushed();
                options.Log?.Invoke($"pushed  manifest {Digests.Short(manifest.Digest)}{(manifest.Platform is null ? "" : $" ({manifest.Platform})")} to {where}");
            }
            catch (ImageDslException error)
            {
                throw new ImageDslException(error.Kind,
                    $"pushing manifest {manifest.Digest}{(manifest.Platform is null ? "" : $" ({manifest.Platform})")} to {where} failed; no tag was written: {error.Message}",
                    error.Hint, error);
            }
        }
    }

    private static async Task VerifyAsync(RegistryClient client, string repository, LayoutContent layout, CancellationToken cancellationToken)
    {
        string where = $"{client.Registry}/{repository}";
        string? missing = null;
        try
        {
            foreach (LayoutBlob blob in layout.Blobs)
            {
                if (missing is null && !await client.BlobExistsAsync(repository, blob.Digest, cancellationToken))
                {
                    missing = $"blob {blob.Digest}";
                }
            }
            foreach (LayoutManifest manifest in layout.Manifests)
            {
                if (missing is null && !await client.ManifestExistsAsync(repository, manifest.Digest, cancellationToken))
                {
                    missing = $"manifest {manifest.Digest}";
                }
            }
        }
        catch (ImageDslException error)
        {
            throw new ImageDslException(error.Kind, $"verifying {where} before tagging failed; no tag was written: {error.Message}", error.Hint, error);
        }
        if (missing is not null)
        {
            throw new ImageDslException(ErrorKind.Network,
                $"verifying {where} before tagging failed; no tag was written: the registry does not have {missing} although it was pushed",
                RegistryConnection.NetworkHint);
        }
    }

    private static async Task WriteTagAsync(
        RegistryClient client, ImageReference tag, LayoutManifest root, List<ImageReference> written, PushOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutManifestAsync(tag.Repository, tag.Tag!, root.Content, root.MediaType, cancellationToken);
            client.Statistics.ManifestPushed();
            client.Statistics.TagWritten();
            options.Log?.Invoke($"tagged  {tag} -> {root.Digest}");
        }
        catch (ImageDslException error)
        {
            string before = written.Count == 0 ? "no tag was written" : $"already written (complete): {string.Join(", ", written)}";
            throw new ImageDslException(error.Kind, $"writing tag {tag} failed; {before}: {error.Message}", error.Hint, error);
        }
    }
}
