using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Packaging;

/// <summary>An image unpacked with umoci into a runc bundle: its config and root filesystem.</summary>
internal sealed class UnpackedImage
{
    private readonly string _bundle;
    private readonly JsonNode _config;

    private UnpackedImage(string bundle, JsonNode config)
    {
        _bundle = bundle;
        _config = config;
    }

    public static UnpackedImage From(string tar, string work)
    {
        string layout = work + "-layout";
        Tool("skopeo", "copy", "-q", $"oci-archive:{tar}", $"oci:{layout}:image");
        return FromLayout(layout, "image", work);
    }

    public static UnpackedImage FromLayout(string layout, string tag, string work)
    {
        JsonNode config = JsonNode.Parse(Tool("skopeo", "inspect", "--config", $"oci:{layout}:{tag}").StandardOutput)!;
        Tool("umoci", "unpack", "--image", $"{layout}:{tag}", work);
        return new UnpackedImage(work, config);
    }

    /// <summary>The runc bundle umoci wrote: config.json and rootfs/.</summary>
    public string Bundle => _bundle;

    public IReadOnlyList<string> Entrypoint => _config["config"]!["Entrypoint"]!.AsArray().Select(e => (string)e!).ToArray();

    public string? WorkingDir => (string?)_config["config"]!["WorkingDir"];

    public string? User => (string?)_config["config"]!["User"];

    public IReadOnlyList<string> Env => _config["config"]!["Env"]!.AsArray().Select(e => (string)e!).ToArray();

    public string? Architecture => (string?)_config["architecture"];

    public string[] World => File.ReadAllLines(Path("etc/apk/world"));

    public string Path(string inImage) => System.IO.Path.Combine(_bundle, "rootfs", inImage);

    /// <summary>The uid and gid umoci gave the file (as root it restores the image's owners).</summary>
    public (int Uid, int Gid) Owner(string inImage)
    {
        string[] stat = ProcessRunner.Run("stat", ["-c", "%u %g", Path(inImage)]).StandardOutput.Trim().Split(' ');
        return (int.Parse(stat[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(stat[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The package's record in the apk database, one field a line.</summary>
    public string[] ApkRecord(string package)
    {
        string installed = File.ReadAllText(Path("usr/lib/apk/db/installed"));
        return installed.Split("\n\n").Single(r => r.Split('\n').Contains("P:" + package)).Split('\n');
    }

    private static ProcessResult Tool(string tool, params string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, tool), arguments, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', arguments)}\n{result}");
        return result;
    }
}
