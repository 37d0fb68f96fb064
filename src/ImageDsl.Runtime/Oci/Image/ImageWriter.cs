using System.Globalization;
using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;

namespace ImageDsl.Oci;

/// <summary>
/// Turns assembled trees and an <see cref="ImageConfiguration"/> into OCI blobs (layers, config,
/// manifest, index) in a <see cref="BlobStore"/>, following apko's rules (`apko-behaviour.md` §5).
/// </summary>
public static class ImageWriter
{
    /// <summary>The config `author`.</summary>
    public const string Author = "github.com/imagedsl/imagedsl";

    /// <summary>History `author` and `created_by`.</summary>
    public const string HistoryAuthor = "imagedsl";

    /// <summary>Writes the layers (one, or grouped by origin when the configuration asks), config and manifest.</summary>
    public static OciImage WriteImage(ImageRequest request, BlobStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<LayerBlob> layers = OriginLayering.IsRequested(request.Configuration.Layering)
            ? OriginLayering.WriteLayers(
                request.Tree, request.Packages, request.Configuration.Layering!.Budget, store, cancellationToken, request.VersionSatisfies,
                request.Compression, request.LayerCache)
            : [LayerWriter.Write(request.Tree, store, request.Compression, request.LayerCache, cancellationToken)];
        return WriteImage(request, layers, store);
    }

    /// <summary>Writes config and manifest for layers already in the store.</summary>
    public static OciImage WriteImage(ImageRequest request, IReadOnlyList<LayerBlob> layers, BlobStore store)
    {
        ImageConfiguration config = request.Configuration;
        SortedDictionary<string, string> annotations = ImageAnnotations.Compute(config, request.Created, request.Annotations);
        var values = new ImageConfigValues(
            request.Architecture,
            request.Created,
            layers.Select(l => l.DiffId).ToArray(),
            Cmd(config),
            Entrypoint(config),
            Env(config),
            annotations,
            ResolveRunAs(config.Accounts?.RunAs, request.Tree),
            config.Volumes,
            config.WorkDir,
            config.StopSignal,
            HistoryComment(layers.Count, annotations));
        if (request.Base is { } baseImage)
        {
            (values, layers) = Base.BaseImageMerge.Apply(values, layers, baseImage, config);
        }
        OciDescriptor configBlob = store.Add(OciMediaTypes.Config, ImageJson.Config(values));
        OciDescriptor manifest = store.Add(OciMediaTypes.Manifest,
            ImageJson.Manifest(configBlob, layers.Select(l => l.Descriptor), annotations));
        return new OciImage(request.Architecture, manifest, configBlob, layers, annotations);
    }

    /// <summary>Writes an index over <paramref name="images"/>, sorted by architecture name.</summary>
    public static OciImageIndex WriteIndex(
        IReadOnlyList<OciImage> images,
        ImageConfiguration configuration,
        DateTimeOffset created,
        BlobStore store,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        OciImage[] sorted = images.OrderBy(i => i.Architecture).ToArray();
        SortedDictionary<string, string> indexAnnotations = ImageAnnotations.Compute(configuration, created, annotations);
        OciDescriptor index = store.Add(OciMediaTypes.Index, ImageJson.Index(sorted.Select(i => i.IndexEntry), indexAnnotations));
        return new OciImageIndex(index, sorted, indexAnnotations);
    }

    /// <summary>
    /// OCI `Entrypoint`: `shell-fragment` ⇒ `/bin/sh -c fragment`; else `command` split like a shell;
    /// a service bundle without a command runs `/bin/s6-svscan /sv`.
    /// </summary>
    public static IReadOnlyList<string> Entrypoint(ImageConfiguration configuration)
    {
        ImageEntrypoint? entrypoint = configuration.Entrypoint;
        if (entrypoint is null)
        {
            return [];
        }
        if (!string.IsNullOrEmpty(entrypoint.ShellFragment))
        {
            return ["/bin/sh", "-c", entrypoint.ShellFragment];
        }
        string? command = entrypoint.Command;
        if (string.IsNullOrEmpty(command) && entrypoint.Type == ImageEntrypoint.ServiceBundle)
        {
            command = "/bin/s6-svscan /sv";
        }
        return string.IsNullOrEmpty(command) ? [] : ShellWords.Split(command, "entrypoint.command");
    }

    /// <summary>OCI `Cmd`: `cmd` split like a shell.</summary>
    public static IReadOnlyList<string> Cmd(ImageConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.Cmd) ? [] : ShellWords.Split(configuration.Cmd, "cmd");

    /// <summary>OCI `Env`: the environment plus PATH and SSL_CERT_FILE defaults, `K=V`, sorted.</summary>
    public static IReadOnlyList<string> Env(ImageConfiguration configuration)
    {
        var env = configuration.Environment.Select(p => p.Key + "=" + p.Value).ToList();
        foreach (string fallback in new[] { ImageJson.DefaultPath, ImageJson.DefaultCertificates })
        {
            string key = fallback[..fallback.IndexOf('=')];
            if (!configuration.Environment.ContainsKey(key))
            {
                env.Add(fallback);
            }
        }
        env.Sort(StringComparer.Ordinal);
        return env;
    }

    private static string HistoryComment(int layerCount, IReadOnlyDictionary<string, string> annotations)
    {
        if (annotations.TryGetValue(ImageAnnotations.Title, out string? title)
            && annotations.TryGetValue(ImageAnnotations.Vendor, out string? vendor))
        {
            return $"{title} by {vendor}";
        }
        return layerCount == 1 ? "This is an ImageDsl single-layer image" : "";
    }

    /// <summary>apko replaces a `run-as` user name found in the image's /etc/passwd by its uid.</summary>
    private static string? ResolveRunAs(string? runAs, FileTree tree)
    {
        if (string.IsNullOrEmpty(runAs) || uint.TryParse(runAs, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return runAs;
        }
        FileNode? passwd = tree.Lookup("/etc/passwd");
        if (passwd is { Type: FileNodeType.RegularFile, Content: not null })
        {
            foreach (string line in Encoding.UTF8.GetString(passwd.Content.ReadAllBytes()).Split('\n'))
            {
                string[] fields = line.Split(':');
                if (fields.Length >= 3 && fields[0] == runAs)
                {
                    return fields[2];
                }
            }
        }
        return runAs;
    }
}
