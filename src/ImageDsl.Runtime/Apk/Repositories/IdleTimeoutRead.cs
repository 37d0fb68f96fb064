namespace ImageDsl.Apk.Repositories;

/// <summary>
/// Reads from a network stream with a limit on silence: a read that gets no byte within the idle
/// timeout fails with <see cref="TimeoutException"/>. A server that trickles a byte now and then is
/// caught by the caller's overall deadline instead; together they bound how long one response can hold
/// a build. Shared by the repository fetcher and the registry client.
/// </summary>
internal static class IdleTimeoutRead
{
    /// <summary>The default longest wait for the next byte of a response: 30 seconds.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads into <paramref name="buffer"/>, failing when nothing arrives within <paramref name="idle"/>.</summary>
    public static async ValueTask<int> ReadAsync(Stream stream, Memory<byte> buffer, TimeSpan idle, CancellationToken cancellationToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(idle);
        try
        {
            return await stream.ReadAsync(buffer, silence.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data for {idle.TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// The whole body, at most <paramref name="limit"/> bytes, each read bounded by <paramref name="idle"/>;
    /// <see cref="ResponseTooLargeException"/> beyond the limit (checked against Content-Length first).
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContent content, long limit, TimeSpan idle, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new ResponseTooLargeException(limit);
        }
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = await ReadAsync(stream, chunk, idle, cancellationToken)) > 0)
        {
            if (body.Length + n > limit)
            {
                throw new ResponseTooLargeException(limit);
            }
            body.Write(chunk, 0, n);
        }
        return body.ToArray();
    }
}

/// <summary>A response body was larger than the caller allows.</summary>
internal sealed class ResponseTooLargeException(long limit) : Exception($"the response is larger than {limit} bytes")
{
    public long Limit { get; } = limit;
}
