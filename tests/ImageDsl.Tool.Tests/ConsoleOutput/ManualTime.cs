namespace ImageDsl.Tests.ConsoleOutput;

/// <summary>A clock the test moves by hand (the renderer's rate limit reads it).</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
