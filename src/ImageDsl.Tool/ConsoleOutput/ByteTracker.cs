using ImageDsl.Progress;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>Sums the byte progress of the items of the stage currently moving bytes (for the live bar).</summary>
internal sealed class ByteTracker
{
    private readonly Dictionary<string, (long Done, long? Total)> _items = new(StringComparer.Ordinal);

    /// <summary>The stage whose items are tracked, or null when nothing is.</summary>
    public BuildStage? Stage { get; private set; }

    /// <summary>The item reported last (shown beside the bar).</summary>
    public string? LastItem { get; private set; }

    /// <summary>Items seen in this stage.</summary>
    public int Count => _items.Count;

    /// <summary>Items whose known size has been reached.</summary>
    public int Completed => _items.Values.Count(v => v.Total is { } t && v.Done >= t);

    /// <summary>Bytes done over all items.</summary>
    public long Done => _items.Values.Sum(v => v.Done);

    /// <summary>Bytes expected over all items, or null when any item's size is unknown.</summary>
    public long? Total => _items.Values.All(v => v.Total is not null) ? _items.Values.Sum(v => v.Total!.Value) : null;

    /// <summary>Every item's known size has been reached (false while any size is unknown).</summary>
    public bool AllComplete => Count > 0 && Completed == Count;

    /// <summary>Records an update; a different stage starts a new set of items.</summary>
    public void Update(BuildStage stage, string item, long done, long? total)
    {
        if (Stage != stage)
        {
            Reset();
            Stage = stage;
        }
        _items[item] = (done, total);
        LastItem = item;
    }

    /// <summary>Forgets every item.</summary>
    public void Reset()
    {
        _items.Clear();
        Stage = null;
        LastItem = null;
    }
}
