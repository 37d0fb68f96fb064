using ImageDsl.Apk.Index;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Model;
using ImageDsl.Oci.Registry;
using ImageDsl.Progress;

namespace ImageDsl.Build;

/// <summary>
/// Resolution as a build does it, for commands that only show it (show-packages, dot, explain) and for
/// `lock`: with `contents.baseimage`, the base's installed packages are pinned and take part, so what is
/// shown is what the image holds. A registry base image is pulled into (or, offline, read from) the
/// client's cache folder.
/// </summary>
public static class BaseAwareResolver
{
    /// <summary>
    /// Resolves <paramref name="inputs"/> for <paramref name="archs"/>, on the configuration's base image when it has one;
    /// <paramref name="registry"/> says how a registry base image is pulled (credentials, plain-HTTP hosts), default settings when null.
    /// </summary>
    public static async Task<ImageResolution> ResolveAsync(ImageConfiguration configuration, ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, CancellationToken cancellationToken = default, PushOptions? registry = null)
    {
        return (await ResolveWithBaseAsync(configuration, inputs, archs, client, cancellationToken, registry)).Resolution;
    }

    /// <summary>
    /// As <see cref="ResolveAsync"/>, and which resolved packages the base image already has (for a
    /// lock file, which pins only what the build installs: the base image pins the rest), and for a
    /// registry base image the digest its reference resolved to (which the lock file pins).
    /// </summary>
    public static async Task<(ImageResolution Resolution, Func<Architecture, PackageRecord, bool>? FromBase, LockBaseImage? BasePin)> ResolveWithBaseAsync(
        ImageConfiguration configuration, ApkInputs inputs, IReadOnlyList<Architecture> archs, RepositoryClient client, CancellationToken cancellationToken = default,
        PushOptions? registry = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(client);
        BaseImages? bases = await BaseImages.LoadAsync(configuration, archs, client.Options, registry ?? new PushOptions(), null, NullBuildProgress.Instance, cancellationToken);
        return bases is null
            ? (await ImageResolver.ResolveAsync(inputs, archs, client, cancellationToken), null, null)
            : (await bases.ResolveAsync(inputs, archs, client, cancellationToken), bases.Has, bases.Pin);
    }
}
