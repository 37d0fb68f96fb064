using System.Runtime.InteropServices;
using System.Text;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// stdout and stderr as plain UTF-8 writers over file descriptors 1 and 2, on Unix.
/// </summary>
/// <remarks>
/// Why not <see cref="Console.Out"/>: on Unix the first use of System.Console loads the terminfo
/// database and writes the terminal's keypad-transmit sequence (`ESC[?1h ESC=`) to stdout when stdout is
/// a terminal. That costs start-up time on every command and puts an escape code on the screen even
/// under NO_COLOR. Writing to the descriptors directly avoids both; how, and why not with a FileStream,
/// is in <see cref="DescriptorWriteStream"/>.
/// </remarks>
internal static class StandardStreams
{
    private static readonly Lazy<TextWriter> OutputWriter = new(() => Create(1, () => Console.Out));
    private static readonly Lazy<TextWriter> ErrorWriter = new(() => Create(2, () => Console.Error));

    /// <summary>The process's stdout.</summary>
    public static TextWriter Output => OutputWriter.Value;

    /// <summary>The process's stderr.</summary>
    public static TextWriter Error => ErrorWriter.Value;

    /// <summary>Whether <paramref name="writer"/> is <see cref="Error"/> (a test's StringWriter is not).</summary>
    public static bool IsStandardError(TextWriter writer) => ReferenceEquals(writer, Error);

    /// <summary>stderr is a terminal (this check does not initialise System.Console).</summary>
    public static bool ErrorIsTerminal => !Console.IsErrorRedirected;

    /// <summary>The terminal's width in columns, or 0 when unknown.</summary>
    public static int TerminalWidth()
    {
        if (OperatingSystem.IsLinux())
        {
            // TIOCGWINSZ on stderr; asking System.Console would initialise it (see remarks).
            nuint request = RuntimeInformation.ProcessArchitecture == Architecture.Ppc64le ? 0x40087468u : 0x5413u;
            var size = default(WindowSize);
            return Ioctl(2, request, ref size) == 0 ? size.Columns : 0;
        }
        try
        {
            return Console.WindowWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            return 0;
        }
    }

    private static TextWriter Create(int descriptor, Func<TextWriter> console)
    {
        if (OperatingSystem.IsWindows())
        {
            return console();
        }
        // write(2) at the shared offset, not a FileStream's pwrite(2) at its own (DescriptorWriteStream).
        return TextWriter.Synchronized(new StreamWriter(new DescriptorWriteStream(descriptor), new UTF8Encoding(false), 4096) { AutoFlush = true });
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int descriptor, nuint request, ref WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }
}
