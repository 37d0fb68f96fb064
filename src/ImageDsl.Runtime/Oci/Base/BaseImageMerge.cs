using ImageDsl.Model;

namespace ImageDsl.Oci.Base;

/// <summary>
/// Puts this build's layers on top of a base image's and lets the base config fill in whatever the
/// configuration leaves unset: environment variables are merged per name (ours win), labels per key
/// (ours win), volumes are the union; entrypoint, cmd, user, working directory and stop signal are
/// the base's unless the configuration gives them. Setting an entrypoint without a cmd drops the
/// base's cmd, as Docker does, because the base's arguments were meant for the base's program.
/// </summary>
internal static class BaseImageMerge
{
    public static (ImageConfigValues Values, IReadOnlyList<LayerBlob> Layers) Apply(
        ImageConfigValues ours, IReadOnlyList<LayerBlob> ourLayers, LoadedBaseImage baseImage, ImageConfiguration configuration)
    {
        BaseImageConfig b = baseImage.Config;
        LayerBlob[] layers = [.. baseImage.Layers.Select(l => l.Blob), .. ourLayers];
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in b.Labels)
        {
            labels[key] = value;
        }
        foreach (var (key, value) in ours.Labels)
        {
            labels[key] = value;
        }
        bool ownEntrypoint = configuration.Entrypoint is not null && ours.Entrypoint.Count > 0;
        ImageConfigValues merged = ours with
        {
            DiffIds = layers.Select(l => l.DiffId).ToArray(),
            Env = Env(b.Env, configuration.Environment),
            Entrypoint = ownEntrypoint ? ours.Entrypoint : b.Entrypoint,
            Cmd = configuration.Cmd is not null ? ours.Cmd : ownEntrypoint ? [] : b.Cmd,
            User = string.IsNullOrEmpty(ours.User) ? b.User : ours.User,
            WorkingDir = string.IsNullOrEmpty(ours.WorkingDir) ? b.WorkingDir : ours.WorkingDir,
            StopSignal = string.IsNullOrEmpty(ours.StopSignal) ? b.StopSignal : ours.StopSignal,
            Labels = labels,
            Volumes = b.Volumes.Concat(ours.Volumes).Distinct(StringComparer.Ordinal).ToList(),
            BaseLayerCount = baseImage.Layers.Count,
            BaseHistory = baseImage.History,
            HistoryComment = ours.HistoryComment == "This is an ImageDsl single-layer image" ? "" : ours.HistoryComment,
        };
        return (merged, layers);
    }

    /// <summary>The base's `K=V` entries with the configuration's variables replacing or adding names, sorted.</summary>
    private static List<string> Env(IReadOnlyList<string> baseEnv, IReadOnlyDictionary<string, string> own)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in baseEnv)
        {
            int equals = entry.IndexOf('=');
            byName[equals < 0 ? entry : entry[..equals]] = entry;
        }
        foreach (var (key, value) in own)
        {
            byName[key] = key + "=" + value;
        }
        return byName.Values.ToList();
    }
}
