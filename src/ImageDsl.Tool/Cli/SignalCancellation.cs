using System.Runtime.InteropServices;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of the token given to async command actions.
/// The first signal only cancels, so the command stops cleanly, removes its temporary files and exits 130;
/// a second signal (or a signal while a synchronous action runs, which could not observe the token)
/// falls through to the default handling and ends the process at once.
/// </summary>
/// <remarks>
/// This replaces System.CommandLine's own handler (ProcessTerminationTimeout = null) so both signals
/// end the same way, with the same message and exit code 130, and the runner knows a signal arrived.
/// </remarks>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly bool _actionObservesToken;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public SignalCancellation(CancellationToken outer, bool actionObservesToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _actionObservesToken = actionObservesToken;
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Browser/mobile hosts: nothing to register; the default handling stays.
            }
        }
    }

    /// <summary>Cancelled by a signal or by the caller's token.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1 && _actionObservesToken)
        {
            context.Cancel = true;
            _source.Cancel();
        }
    }
}
