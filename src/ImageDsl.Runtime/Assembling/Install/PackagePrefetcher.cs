using System.Collections.Concurrent;
using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Assembling.Install;

/// <summary>
/// Reads packages ahead of their install, so the costly part of installing (opening and verifying the
/// .apk, inflating its data, checking every file's SHA-1 and storing the bodies) runs on every core
/// while the installer applies the entries to the tree, one package after another in resolver order.
/// </summary>
/// <remarks>
/// Bounded: at most <c>workers</c> packages are read at once (started in install order, so the package
/// being installed always has a reader), and each reader stays at most <see cref="EntriesAhead"/>
/// entries ahead; bodies go to the <see cref="ContentSpill"/>, which keeps its own memory budget. What
/// is installed never depends on the timing: entries are applied in each package's order, packages in
/// the given order, and a package that fails to open or read fails the install when its turn comes,
/// as a sequential install would. Disposing stops every reader and waits for it, then closes the
/// packages.
/// </remarks>
internal sealed class PackagePrefetcher : IDisposable
{
    /// <summary>How many read entries a package's reader may hold before the installer takes them.</summary>
    internal const int EntriesAhead = 4096;

    private readonly Slot[] _slots;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _readers;
    private readonly Task _dispatcher;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="open"/>'s packages, at most <paramref name="workers"/> at once.</summary>
    public PackagePrefetcher(IReadOnlyList<Func<ApkPackage>> open, ContentSpill spill, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(spill);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _readers = new SemaphoreSlim(Math.Max(1, workers));
        _slots = open.Select(o => new Slot(o)).ToArray();
        CancellationToken stop = _stop.Token;
        _dispatcher = Task.Run(() => Dispatch(spill, stop), CancellationToken.None);
    }

    /// <summary>The package count.</summary>
    public int Count => _slots.Length;

    /// <summary>
    /// Waits for package <paramref name="index"/> to be opened and returns it with its entries, which
    /// arrive as they are read (enumerate them once). Throws what opening or reading it threw.
    /// </summary>
    public (ApkPackage Package, IEnumerable<PreparedEntry> Entries) Take(int index)
    {
        Slot slot = _slots[index];
        ApkPackage package = slot.Opened.Task.GetAwaiter().GetResult();
        return (package, slot.Drain(_stop.Token));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stop.Cancel();
        try
        {
            _dispatcher.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException)
        {
            // Stopped on purpose.
        }
        foreach (Slot slot in _slots)
        {
            slot.WaitAndClose();
        }
        _stop.Dispose();
        _readers.Dispose();
    }

    private async Task Dispatch(ContentSpill spill, CancellationToken stop)
    {
        foreach (Slot slot in _slots)
        {
            try
            {
                await _readers.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                slot.Abandon(stop);
                continue;
            }
            slot.Reader = Task.Factory.StartNew(() =>
            {
                try
                {
                    slot.Read(spill, stop);
                }
                finally
                {
                    _readers.Release();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>One package: its opening, its entries as they are read, and the reader's task.</summary>
    private sealed class Slot(Func<ApkPackage> open)
    {
        private readonly BlockingCollection<PreparedEntry> _entries = new(EntriesAhead);
        private Exception? _failure;

        public TaskCompletionSource<ApkPackage> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task? Reader { get; set; }

        public void Read(ContentSpill spill, CancellationToken stop)
        {
            try
            {
                stop.ThrowIfCancellationRequested();
                ApkPackage package = open();
                Opened.SetResult(package);
                foreach (ApkDataEntry entry in package.ReadData())
                {
                    stop.ThrowIfCancellationRequested();
                    FileContent? body = entry.Type == ApkEntryType.RegularFile ? PackageInstaller.StoreBody(package, entry, spill) : null;
                    _entries.Add(new PreparedEntry(entry, body), stop);
                }
            }
            catch (Exception e)
            {
                _failure = e;
                Opened.TrySetException(e);
            }
            finally
            {
                _entries.CompleteAdding();
            }
        }

        /// <summary>Never started (the prefetcher stopped first).</summary>
        public void Abandon(CancellationToken stop)
        {
            Opened.TrySetCanceled(stop);
            _entries.CompleteAdding();
        }

        public IEnumerable<PreparedEntry> Drain(CancellationToken stop)
        {
            foreach (PreparedEntry entry in _entries.GetConsumingEnumerable(stop))
            {
                yield return entry;
            }
            if (_failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        public void WaitAndClose()
        {
            try
            {
                Reader?.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException)
            {
                // Stopped on purpose.
            }
            if (Opened.Task.IsCompletedSuccessfully)
            {
                Opened.Task.Result.Dispose();
            }
            _entries.Dispose();
        }
    }
}
