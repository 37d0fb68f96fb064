namespace ImageDsl.Oci.Registry;

/// <summary>What a push did, counted (a snapshot of <see cref="PushStatistics"/>).</summary>
/// <param name="BlobsUploaded">Blobs sent to a registry (POST + PUT or PATCH).</param>
/// <param name="BlobsMounted">Blobs mounted from another repository of the same registry.</param>
/// <param name="BlobsExisting">Blobs the registry already had (HEAD answered 200).</param>
/// <param name="BytesUploaded">Bytes of the blobs uploaded.</param>
/// <param name="ManifestsPushed">Manifests and indexes PUT by digest or tag.</param>
/// <param name="ManifestsExisting">Manifests the registry already had.</param>
/// <param name="TagsWritten">Tags written.</param>
/// <param name="Requests">HTTP requests sent to registries and token servers.</param>
/// <param name="Retries">Requests or uploads repeated after a transient failure.</param>
public sealed record PushCounters(
    int BlobsUploaded,
    int BlobsMounted,
    int BlobsExisting,
    long BytesUploaded,
    int ManifestsPushed,
    int ManifestsExisting,
    int TagsWritten,
    int Requests,
    int Retries);

/// <summary>Thread-safe counters shared by the clients of one push.</summary>
internal sealed class PushStatistics
{
    private int blobsUploaded;
    private int blobsMounted;
    private int blobsExisting;
    private long bytesUploaded;
    private int manifestsPushed;
    private int manifestsExisting;
    private int tagsWritten;
    private int requests;
    private int retries;

    public void BlobUploaded(long bytes)
    {
        Interlocked.Increment(ref blobsUploaded);
        Interlocked.Add(ref bytesUploaded, bytes);
    }

    public void BlobMounted() => Interlocked.Increment(ref blobsMounted);

    public void BlobExisting() => Interlocked.Increment(ref blobsExisting);

    public void ManifestPushed() => Interlocked.Increment(ref manifestsPushed);

    public void ManifestExisting() => Interlocked.Increment(ref manifestsExisting);

    public void TagWritten() => Interlocked.Increment(ref tagsWritten);

    public void Request() => Interlocked.Increment(ref requests);

    public void Retry() => Interlocked.Increment(ref retries);

    public PushCounters Snapshot() => new(
        Volatile.Read(ref blobsUploaded),
        Volatile.Read(ref blobsMounted),
        Volatile.Read(ref blobsExisting),
        Interlocked.Read(ref bytesUploaded),
        Volatile.Read(ref manifestsPushed),
        Volatile.Read(ref manifestsExisting),
        Volatile.Read(ref tagsWritten),
        Volatile.Read(ref requests),
        Volatile.Read(ref retries));
}
