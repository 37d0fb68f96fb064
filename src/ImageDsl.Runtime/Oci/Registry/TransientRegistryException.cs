namespace ImageDsl.Oci.Registry;

/// <summary>
/// A request that may succeed if repeated failed, and its caller (a blob upload) repeats the whole
/// operation rather than the single request. Never escapes <see cref="RegistryClient"/>.
/// </summary>
internal sealed class TransientRegistryException : Exception
{
    public TransientRegistryException(string message, TimeSpan? serverDelay, Exception? inner = null)
        : base(message, inner)
    {
        ServerDelay = serverDelay;
    }

    /// <summary>The Retry-After the server sent, if any.</summary>
    public TimeSpan? ServerDelay { get; }
}
