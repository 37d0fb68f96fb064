using ImageDsl.Formats.Json;
using ImageDsl.Model;

namespace ImageDsl.Oci;

/// <summary>
/// Serialises OCI config, manifest and index JSON with go-containerregistry's field order and
/// omitempty rules, compact, without a trailing newline (what apko pushes).
/// </summary>
internal static class ImageJson
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin";
    public const string DefaultCertificates = "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt";

    public static byte[] Config(ImageConfigValues values)
    {
        var json = new GoJsonWriter();
        json.StartObject()
            .Property("architecture", values.Architecture.OciArchitecture)
            .Property("author", values.Author)
            .Property("created", ImageAnnotations.FormatTime(values.Created))
            .Name("history").StartArray();
        foreach (Base.BaseHistory entry in values.BaseHistory)
        {
            BaseHistoryEntry(json, entry);
        }
        foreach (string _ in values.DiffIds.Skip(values.BaseLayerCount))
        {
            json.StartObject()
                .Property("author", values.HistoryAuthor)
                .Property("created", ImageAnnotations.FormatTime(values.Created))
                .Property("created_by", values.HistoryAuthor);
            if (values.HistoryComment.Length > 0)
            {
                json.Property("comment", values.HistoryComment);
            }
            json.EndObject();
        }
        json.EndArray()
            .Property("os", "linux")
            .Name("rootfs").StartObject().Property("type", "layers").StringArray("diff_ids", values.DiffIds).EndObject()
            .Name("config").StartObject();
        if (values.Cmd.Count > 0)
        {
            json.StringArray("Cmd", values.Cmd);
        }
        if (values.Entrypoint.Count > 0)
        {
            json.StringArray("Entrypoint", values.Entrypoint);
        }
        json.StringArray("Env", values.Env);
        if (values.Labels.Count > 0)
        {
            json.StringMap("Labels", values.Labels);
        }
        if (!string.IsNullOrEmpty(values.User))
        {
            json.Property("User", values.User);
        }
        if (values.Volumes.Count > 0)
        {
            json.Name("Volumes").StartObject();
            foreach (string volume in values.Volumes.Distinct().OrderBy(v => v, StringComparer.Ordinal))
            {
                json.Name(volume).StartObject().EndObject();
            }
            json.EndObject();
        }
        if (!string.IsNullOrEmpty(values.WorkingDir))
        {
            json.Property("WorkingDir", values.WorkingDir);
        }
        if (!string.IsNullOrEmpty(values.StopSignal))
        {
            json.Property("StopSignal", values.StopSignal);
        }
        json.EndObject();
        if (values.Architecture.OciVariant is { } variant)
        {
            json.Property("variant", variant);
        }
        return json.EndObject().ToBytes();
    }

    public static byte[] Manifest(OciDescriptor config, IEnumerable<OciDescriptor> layers, IReadOnlyDictionary<string, string> annotations)
    {
        var json = new GoJsonWriter();
        json.StartObject().Property("schemaVersion", 2).Property("mediaType", OciMediaTypes.Manifest).Name("config");
        Descriptor(json, config);
        json.Name("layers").StartArray();
        foreach (OciDescriptor layer in layers)
        {
            Descriptor(json, layer);
        }
        json.EndArray();
        if (annotations.Count > 0)
        {
            json.StringMap("annotations", annotations);
        }
        return json.EndObject().ToBytes();
    }

    public static byte[] Index(IEnumerable<OciDescriptor> manifests, IReadOnlyDictionary<string, string>? annotations)
    {
        var json = new GoJsonWriter();
        json.StartObject().Property("schemaVersion", 2).Property("mediaType", OciMediaTypes.Index).Name("manifests").StartArray();
        foreach (OciDescriptor manifest in manifests)
        {
            Descriptor(json, manifest);
        }
        json.EndArray();
        if (annotations is { Count: > 0 })
        {
            json.StringMap("annotations", annotations);
        }
        return json.EndObject().ToBytes();
    }

    /// <summary>A base image's history entry, as the base config had it (go-containerregistry's field order).</summary>
    private static void BaseHistoryEntry(GoJsonWriter json, Base.BaseHistory entry)
    {
        json.StartObject();
        foreach (var (name, value) in new[] { ("author", entry.Author), ("created", entry.Created), ("created_by", entry.CreatedBy), ("comment", entry.Comment) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                json.Property(name, value);
            }
        }
        if (entry.EmptyLayer)
        {
            json.Name("empty_layer").Bool(true);
        }
        json.EndObject();
    }

    public static void Descriptor(GoJsonWriter json, OciDescriptor descriptor)
    {
        json.StartObject()
            .Property("mediaType", descriptor.MediaType)
            .Property("size", descriptor.Size)
            .Property("digest", descriptor.Digest);
        if (descriptor.Annotations is { Count: > 0 } annotations)
        {
            json.StringMap("annotations", annotations);
        }
        if (descriptor.Platform is { } platform)
        {
            json.Name("platform").StartObject()
                .Property("architecture", platform.Architecture)
                .Property("os", platform.Os);
            if (platform.Variant is { } variant)
            {
                json.Property("variant", variant);
            }
            json.EndObject();
        }
        json.EndObject();
    }
}

/// <summary>The resolved values of an image config.</summary>
internal sealed record ImageConfigValues(
    Architecture Architecture,
    DateTimeOffset Created,
    IReadOnlyList<string> DiffIds,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Env,
    IReadOnlyDictionary<string, string> Labels,
    string? User,
    IReadOnlyList<string> Volumes,
    string? WorkingDir,
    string? StopSignal,
    string HistoryComment)
{
    public string Author { get; init; } = ImageWriter.Author;

    public string HistoryAuthor { get; init; } = ImageWriter.HistoryAuthor;

    /// <summary>How many of <see cref="DiffIds"/> (the first ones) come from a base image.</summary>
    public int BaseLayerCount { get; init; }

    /// <summary>The base image's history, written before this build's entries.</summary>
    public IReadOnlyList<Base.BaseHistory> BaseHistory { get; init; } = [];
}
