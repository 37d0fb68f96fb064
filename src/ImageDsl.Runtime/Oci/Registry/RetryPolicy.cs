namespace ImageDsl.Oci.Registry;

/// <summary>
/// How registry requests are retried: on 5xx, 408, 429 and broken connections, with exponential
/// backoff (or the server's Retry-After), bounded by attempts and by total time.
/// </summary>
/// <param name="MaxAttempts">Attempts per request or blob upload, the first included.</param>
/// <param name="InitialDelay">Delay before the second attempt; doubled each time.</param>
/// <param name="MaxDelay">Upper bound of one delay (also caps a Retry-After).</param>
/// <param name="MaxTotalTime">No retry starts once this much time has gone since the first attempt.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan MaxTotalTime)
{
    /// <summary>5 attempts, 1 s doubling up to 30 s, at most 5 minutes per operation.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    /// <summary>One attempt, no retries.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>
    /// The delay before attempt <paramref name="attempt"/>+1 (attempt counts from 1), or null when no
    /// further attempt is allowed. A server-requested delay is honoured but capped at
    /// <see cref="MaxDelay"/>; when even that would overrun <see cref="MaxTotalTime"/>, there is no retry.
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int attempt, TimeSpan elapsed, TimeSpan? serverDelay)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }
        TimeSpan delay;
        if (serverDelay is { } requested)
        {
            delay = requested < TimeSpan.Zero ? TimeSpan.Zero : requested;
        }
        else
        {
            double factor = Math.Pow(2, attempt - 1);
            // Up to 20% jitter so parallel uploads do not retry in lockstep.
            double jitter = 1 + (Random.Shared.NextDouble() * 0.2);
            delay = TimeSpan.FromMilliseconds(InitialDelay.TotalMilliseconds * factor * jitter);
        }
        if (delay > MaxDelay)
        {
            delay = MaxDelay;
        }
        return elapsed + delay > MaxTotalTime ? null : delay;
    }
}
