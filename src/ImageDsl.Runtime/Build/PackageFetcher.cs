using System.Collections.Concurrent;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Progress;

namespace ImageDsl.Build;

/// <summary>
/// Downloads the resolved packages in parallel and checks each against the index before anything is
/// installed. A cached file that fails is discarded and fetched once more; a served file that fails
/// is an error naming the package, the URL and both hashes.
/// </summary>
internal static class PackageFetcher
{
    public static async Task<IReadOnlyList<(PackageRecord Record, string LocalPath)>> FetchAllAsync(
        IReadOnlyList<PackageRecord> packages, RepositoryClient client, Keyring keyring, BuildRequest request, string arch, CancellationToken cancellationToken)
    {
        var paths = new ConcurrentDictionary<PackageRecord, string>();
        long done = 0;
        long total = packages.Sum(p => p.Size);
        await Parallel.ForEachAsync(packages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount + 1, CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                FetchedPackage fetched = await client.FetchPackageAsync(record, ct);
                // A local file is verified once, as it is installed; a downloaded one is checked here
                // so that a damaged cache entry can be fetched again before anything is installed.
                if (record.Repository.IsRemote && !Verifies(fetched, keyring, request, out ImageDslException? failure))
                {
                    request.Progress.Warning($"{record}: the cached copy failed verification ({failure!.Message}); fetching it again");
                    // Replaced in one rename, never deleted first: a build sharing the cache may be about to open it.
                    fetched = await client.RefetchPackageAsync(record, ct);
                    if (!Verifies(fetched, keyring, request, out failure))
                    {
                        client.EvictPackage(record); // the server's copy is bad too: keep no known-bad file
                        throw failure!;
                    }
                }
                paths[record] = fetched.LocalPath;
                long now = Interlocked.Add(ref done, record.Size);
                request.Progress.Bytes(BuildStage.Fetch, $"{arch}: {record}", now, total);
            });
        request.Progress.Step(BuildStage.Fetch, $"{arch}: {packages.Count} packages verified ({ByteSize.Format(total)})");
        return packages.Select(p => (p, paths[p])).ToList();
    }

    private static bool Verifies(FetchedPackage fetched, Keyring keyring, BuildRequest request, out ImageDslException? failure)
    {
        PackageRecord record = fetched.Package;
        try
        {
            using ApkPackage package = ApkPackageReader.Open(fetched.LocalPath, request.ReaderOptions(record, keyring), fetched.Url);
            failure = null;
            return true;
        }
        catch (ImageDslException e) when (e.Kind == ErrorKind.Integrity)
        {
            failure = e;
            return false;
        }
    }
}
