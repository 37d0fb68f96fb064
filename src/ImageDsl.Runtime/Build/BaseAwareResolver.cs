using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Model;
using ImageDsl.Progress;

namespace ImageDsl.Build;

/// <summary>
/// Resolution as a build does it, for commands that only show it (show-packages, dot, explain):
/// with `contents.baseimage`, the base's installed packages are pinned and take part, so what is
/// shown is what the image holds.
/// </summary>
public static class BaseAwareResolver
{
    /// <summary>Resolves <paramref name="inputs"/> for <paramref name="archs"/>, on the configuration's base image when it has one.</summary>
    public static async Task<ImageResolution> ResolveAsync(ImageConfiguration configuration, ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        BaseImages? bases = BaseImages.Load(configuration, archs, NullBuildProgress.Instance, cancellationToken);
        return bases is null
            ? await ImageResolver.ResolveAsync(inputs, archs, client, cancellationToken)
            : await bases.ResolveAsync(inputs, archs, client, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ResolveAsync"/>, and which resolved packages the base image already has (for a
    /// lock file, which pins only what the build installs: the base image pins the rest).
    /// </summary>
    public static async Task<(ImageResolution Resolution, Func<Architecture, PackageRecord, bool>? FromBase)> ResolveWithBaseAsync(
        ImageConfiguration configuration, ApkInputs inputs, IReadOnlyList<Architecture> archs, RepositoryClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        BaseImages? bases = BaseImages.Load(configuration, archs, NullBuildProgress.Instance, cancellationToken);
        return bases is null
            ? (await ImageResolver.ResolveAsync(inputs, archs, client, cancellationToken), null)
            : (await bases.ResolveAsync(inputs, archs, client, cancellationToken), bases.Has);
    }
}
