namespace ImageDsl.Formats.Tar;

/// <summary>Tar times are whole seconds since the Unix epoch.</summary>
public static class TarTime
{
    /// <summary>
    /// Go's tar writer rounds ModTime to the nearest second (halves up) when no format is forced;
    /// images written from a <see cref="DateTimeOffset"/> get the same seconds apko writes.
    /// </summary>
    public static long Seconds(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerSecond / 2;
        return ticks >= 0 ? ticks / TimeSpan.TicksPerSecond : -((-ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
    }
}
