using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using ImageDsl.Build;
using ImageDsl.Oci;
using ImageDsl.Sbom;
using ImageDsl.Testing.Running;

namespace ImageDsl.Testing;

/// <summary>
/// A built image opened for assertions: its filesystem (every layer applied), accounts, installed
/// packages and runtime configuration. Dispose it to remove the build's temporary folder.
/// </summary>
public sealed class ImageUnderTest : IDisposable
{
    private readonly string _work;
    private readonly Dictionary<string, ImageFile> _files;

    private ImageUnderTest(string work, string digest, Dictionary<string, ImageFile> files, ImageRuntimeConfig config, ImageSbom sbom)
    {
        _work = work;
        Digest = digest;
        _files = files;
        Config = config;
        Sbom = sbom;
    }

    /// <summary>The image index digest (reproducible for the same inputs and <see cref="TestImageOptions.BuildDate"/>).</summary>
    public string Digest { get; }

    /// <summary>Entrypoint, cmd, environment, user, work dir, stop signal.</summary>
    public ImageRuntimeConfig Config { get; }

    /// <summary>The SPDX SBOM a build writes for this image (<c>sbom-&lt;arch&gt;.spdx.json</c>) and its packages.</summary>
    public ImageSbom Sbom { get; }

    /// <summary>Every path in the image, sorted.</summary>
    public IEnumerable<string> Paths => _files.Keys.Order(StringComparer.Ordinal);

    /// <summary>The entry at <paramref name="path"/>, or null.</summary>
    public ImageFile? File(string path) => _files.GetValueOrDefault(Normalize(path));

    /// <summary>The users of <c>/etc/passwd</c>.</summary>
    public IReadOnlyList<ImageUser> Users => Lines("/etc/passwd")
        .Select(l => l.Split(':'))
        .Where(f => f.Length >= 7)
        .Select(f => new ImageUser(f[0], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[5], f[6]))
        .ToList();

    /// <summary>The groups of <c>/etc/group</c>.</summary>
    public IReadOnlyList<ImageGroup> Groups => Lines("/etc/group")
        .Select(l => l.Split(':'))
        .Where(f => f.Length >= 4)
        .Select(f => new ImageGroup(f[0], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3].Split(',', StringSplitOptions.RemoveEmptyEntries)))
        .ToList();

    /// <summary>The packages of the apk database (<c>/usr/lib/apk/db/installed</c>), in database order.</summary>
    public IReadOnlyList<InstalledPackage> Packages
    {
        get
        {
            var result = new List<InstalledPackage>();
            string? name = null;
            foreach (string line in Lines("/usr/lib/apk/db/installed"))
            {
                if (line.StartsWith("P:", StringComparison.Ordinal))
                {
                    name = line[2..];
                }
                else if (line.StartsWith("V:", StringComparison.Ordinal) && name is not null)
                {
                    result.Add(new InstalledPackage(name, line[2..]));
                    name = null;
                }
            }
            return result;
        }
    }

    /// <summary>
    /// Runs a command in a fresh copy of the image's filesystem with bubblewrap (<c>bwrap</c>) or runc
    /// (<see cref="ImageRunOptions.Sandbox"/>), as a container runtime starts it: as the image's user
    /// (uid and gid), in its work dir, with its environment (plus PATH and HOME when it sets none), with
    /// no network. Nothing a run writes is kept for the next one. Under bubblewrap (and rootless runc)
    /// files appear owned by the image's user; runc as root keeps the owners the image records.
    /// </summary>
    /// <param name="command">The program and its arguments; null runs the image's entrypoint followed by its cmd.</param>
    /// <param name="options">The sandbox, timeout and output limit.</param>
    /// <param name="cancellationToken">Stops (kills) the run.</param>
    /// <exception cref="InvalidOperationException">Neither bwrap nor runc is on PATH (the message says what to install), or the image's user is unknown.</exception>
    /// <exception cref="TimeoutException">The command ran longer than <see cref="ImageRunOptions.Timeout"/>; it was killed.</exception>
    /// <exception cref="InvalidDataException">The command wrote more than <see cref="ImageRunOptions.MaxOutputBytes"/> to a stream; it was killed.</exception>
    public Task<ImageRunResult> RunAsync(IReadOnlyList<string>? command = null, ImageRunOptions? options = null, CancellationToken cancellationToken = default) =>
        ImageRun.RunAsync(this, _files, _work, command, options ?? new ImageRunOptions(), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    internal static ImageUnderTest Read(BuiltImage built, string work, long maxContentBytes)
    {
        OciImage image = built.Index.Images[0];
        var files = new Dictionary<string, ImageFile>(StringComparer.Ordinal);
        long total = 0;
        foreach (LayerBlob layer in image.Layers)
        {
            using FileStream blob = built.Store.OpenRead(layer.Digest);
            using Stream layerTar = layer.MediaType == OciMediaTypes.ZstdLayer
                ? new ZstdSharp.DecompressionStream(blob)
                : new GZipStream(blob, CompressionMode.Decompress);
            using var tar = new TarReader(layerTar);
            while (tar.GetNextEntry() is { } entry)
            {
                byte[] content = [];
                if (entry.DataStream is { } data)
                {
                    total += entry.Length;
                    if (total > maxContentBytes)
                    {
                        throw new InvalidOperationException($"the image has more than {maxContentBytes} bytes of file content; raise TestImageOptions.MaxContentBytes");
                    }
                    using var buffer = new MemoryStream();
                    data.CopyTo(buffer);
                    content = buffer.ToArray();
                }
                string path = Normalize(entry.Name);
                files[path] = new ImageFile(path, entry.EntryType, (int)entry.Mode, entry.Uid, entry.Gid,
                    string.IsNullOrEmpty(entry.LinkName) ? null : entry.LinkName, content);
            }
        }
        // The same document `dotnet image build` writes as sbom-<arch>.spdx.json.
        var sbom = new ImageSbom(SpdxWriter.ImageDocument(built.SbomImages[0], new SbomOptions { Created = built.Created }));
        return new ImageUnderTest(work, built.Digest, files, ReadConfig(built.Store.Read(image.Config.Digest)), sbom);
    }

    private static ImageRuntimeConfig ReadConfig(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement config = document.RootElement.TryGetProperty("config", out JsonElement c) ? c : default;
        IReadOnlyList<string> Strings(string name) =>
            config.ValueKind == JsonValueKind.Object && config.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                : [];
        string? Text(string name) =>
            config.ValueKind == JsonValueKind.Object && config.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in Strings("Env"))
        {
            int equals = pair.IndexOf('=');
            environment[equals < 0 ? pair : pair[..equals]] = equals < 0 ? "" : pair[(equals + 1)..];
        }
        return new ImageRuntimeConfig(Strings("Entrypoint"), Strings("Cmd"), environment, Text("User"), Text("WorkingDir"), Text("StopSignal"));
    }

    private IEnumerable<string> Lines(string path) =>
        File(path) is { IsFile: true } file ? file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    internal static string Normalize(string path) => "/" + path.Trim('/').Replace("./", "", StringComparison.Ordinal);
}
