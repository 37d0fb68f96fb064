using ImageDsl.Apk.Index;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// Thrown inside one resolution run when a package chosen for a dependency pushed out the only
/// provider something else needs; <see cref="Resolver"/> runs again with <see cref="Package"/> left out.
/// Never leaves the resolver: when no retry is possible, <see cref="Failure"/> is thrown instead.
/// </summary>
internal sealed class ProviderRetry(PackageRecord package, string reason, ImageDslException failure) : Exception(failure.Message)
{
    /// <summary>The package to leave out of the next run.</summary>
    public PackageRecord Package { get; } = package;

    /// <summary>Why it is left out (shown if the next run fails on it).</summary>
    public string Reason { get; } = reason;

    /// <summary>The failure to report if no further run is possible.</summary>
    public ImageDslException Failure { get; } = failure;
}
