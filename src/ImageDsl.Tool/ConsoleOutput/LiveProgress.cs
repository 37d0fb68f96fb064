using System.Globalization;
using ImageDsl.Progress;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// Progress for a person at a terminal: steps, warnings and debug lines scroll up as permanent lines,
/// and one live line at the bottom shows the bytes of the current stage with a bar. The live line is
/// redrawn in place at most ten times a second; with escapes allowed it is erased with `CR ESC[2K`,
/// under NO_COLOR it is overwritten with `CR` and spaces, so not a single escape code is written.
/// </summary>
internal sealed class LiveProgress : ConsoleProgress
{
    /// <summary>The shortest time between two redraws of the live line.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private const int BarWidth = 24;
    private const int LabelWidth = 8;

    private readonly TerminalCapabilities _terminal;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ByteTracker _bytes = new();
    private long? _lastDraw;
    private int _visibleLength;
    private bool _lineVisible;

    public LiveProgress(TextWriter writer, LogLevel level, TerminalCapabilities terminal, TimeProvider time)
        : base(writer, level)
    {
        _terminal = terminal;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>How many times the live line has been drawn (tests check the rate limit with it).</summary>
    public int Redraws { get; private set; }

    protected override void OnStep(BuildStage stage, string message)
    {
        // A step line summarises finished transfers; the bar stays only while bytes are still moving.
        if (_bytes.AllComplete)
        {
            _bytes.Reset();
        }
        WritePermanent(Ansi.Style(Label(stage).PadRight(LabelWidth), Ansi.Bold + Ansi.Cyan, _terminal.Ansi) + " " + message);
    }

    protected override void OnBytes(BuildStage stage, string item, long done, long? total)
    {
        _bytes.Update(stage, item, done, total);
        long now = _time.GetTimestamp();
        if (_lastDraw is null || _time.GetElapsedTime(_lastDraw.Value, now) >= RedrawInterval)
        {
            Draw(now);
        }
    }

    protected override void OnWarning(string message) =>
        WritePermanent(Ansi.Style("warning:", Ansi.Bold + Ansi.Yellow, _terminal.Ansi) + " " + message);

    protected override void OnDebug(string message) => WritePermanent(Ansi.Style("debug: " + message, Ansi.Dim, _terminal.Ansi));

    protected override void OnFinish() => Erase();

    private void WritePermanent(string line)
    {
        bool redraw = _lineVisible;
        Erase();
        Writer.WriteLine(line);
        if (redraw && _bytes.Stage is not null)
        {
            Draw(_time.GetTimestamp());
        }
        Writer.Flush();
    }

    private void Draw(long now)
    {
        string line = Render(now);
        Writer.Write(_terminal.Ansi ? Ansi.ClearLine : "\r");
        Writer.Write(line);
        int length = line.Length;
        if (!_terminal.Ansi && _visibleLength > length)
        {
            // No erase-line escape under NO_COLOR: blank out what the previous, longer line left behind.
            Writer.Write(new string(' ', _visibleLength - length));
            Writer.Write('\r');
            Writer.Write(line);
        }
        Writer.Flush();
        _visibleLength = length;
        _lineVisible = true;
        _lastDraw = now;
        Redraws++;
    }

    private void Erase()
    {
        if (!_lineVisible)
        {
            return;
        }
        Writer.Write(_terminal.Ansi ? Ansi.ClearLine : "\r" + new string(' ', _visibleLength) + "\r");
        _lineVisible = false;
        _visibleLength = 0;
    }

    /// <summary>`fetch    ━━━━━━━━━━━━╸           52%  3.2 MB / 6.1 MB  7/12  busybox  2.1s` (no escapes in the length).</summary>
    private string Render(long now)
    {
        string label = Label(_bytes.Stage ?? BuildStage.Fetch).PadRight(LabelWidth);
        string elapsed = _time.GetElapsedTime(_started, now).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        string counts = _bytes.Total is { } total
            ? $"{Percent(_bytes.Done, total),3}%  {ByteSize.Format(_bytes.Done)} / {ByteSize.Format(total)}  {_bytes.Completed}/{_bytes.Count}"
            : $"{ByteSize.Format(_bytes.Done)}  {_bytes.Count} item{(_bytes.Count == 1 ? "" : "s")}";
        string bar = Bar(_bytes.Total is { } t ? Fraction(_bytes.Done, t) : null);

        // Keep to one terminal row (a wrapped line cannot be redrawn with CR): the item name gives way first.
        string fixedPart = $"{label} {bar} {counts}  ";
        int room = _terminal.Width - 1 - fixedPart.Length - elapsed.Length - 2;
        string item = Truncate(_bytes.LastItem ?? "", Math.Max(0, room));
        string plain = item.Length > 0 ? $"{fixedPart}{item}  {elapsed}" : $"{fixedPart}{elapsed}";
        if (plain.Length > _terminal.Width - 1)
        {
            plain = plain[..Math.Max(0, _terminal.Width - 1)];
        }
        return _terminal.Ansi ? Colour(plain, label.Length, bar.Length) : plain;
    }

    private string Colour(string plain, int labelLength, int barLength)
    {
        if (plain.Length < labelLength + 1 + barLength)
        {
            return plain;
        }
        return Ansi.Style(plain[..labelLength], Ansi.Bold + Ansi.Cyan, true) + " "
            + Ansi.Style(plain.Substring(labelLength + 1, barLength), Ansi.Green, true)
            + plain[(labelLength + 1 + barLength)..];
    }

    private string Bar(double? fraction)
    {
        // Unicode: 24 cells of ━ and ─. ASCII: [==========          ] in the same width.
        int cells = _terminal.Unicode ? BarWidth : BarWidth - 2;
        char full = _terminal.Unicode ? '━' : '=';
        char empty = _terminal.Unicode ? '─' : ' ';
        var bar = new char[cells];
        if (fraction is { } f)
        {
            int filled = (int)Math.Floor(f * cells);
            for (int i = 0; i < cells; i++)
            {
                bar[i] = i < filled ? full : empty;
            }
        }
        else
        {
            // Size unknown: a three-cell marker that moves with time instead of a fill.
            Array.Fill(bar, empty);
            int position = (int)(_time.GetElapsedTime(_started).TotalMilliseconds / RedrawInterval.TotalMilliseconds) % cells;
            for (int i = 0; i < 3; i++)
            {
                bar[(position + i) % cells] = full;
            }
        }
        return _terminal.Unicode ? new string(bar) : "[" + new string(bar) + "]";
    }

    private static double Fraction(long done, long total) => total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);

    private static int Percent(long done, long total) => (int)Math.Floor(Fraction(done, total) * 100);

    private string Truncate(string text, int max) =>
        text.Length <= max ? text : max <= 1 ? "" : text[..(max - 1)] + (_terminal.Unicode ? "…" : "~");
}
