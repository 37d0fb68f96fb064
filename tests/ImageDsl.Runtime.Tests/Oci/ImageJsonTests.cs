using System.Text;
using System.Text.Json.Nodes;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

public class ImageJsonTests
{
    [Theory]
    [InlineData("/bin/sh -l", new[] { "/bin/sh", "-l" })]
    [InlineData("echo \"a b\" 'c d' e\\ f", new[] { "echo", "a b", "c d", "e f" })]
    [InlineData("a\"b\"c", new[] { "abc" })]
    [InlineData("\"a\\\"b\" 'x\\y'", new[] { "a\"b", "x\\y" })]
    [InlineData("''", new[] { "" })]
    [InlineData("  # a comment", new string[0])]
    [InlineData("run #rest\nnext", new[] { "run", "next" })]
    [InlineData("a#b", new[] { "a#b" })]
    [InlineData("\t/usr/bin/app\t--flag=\"x y\"\n", new[] { "/usr/bin/app", "--flag=x y" })]
    public void Commands_split_like_google_shlex(string text, string[] expected) =>
        Assert.Equal(expected, ShellWords.Split(text));

    [Theory]
    [InlineData("echo \"open")]
    [InlineData("echo 'open")]
    [InlineData("echo trailing\\")]
    public void Unfinished_quotes_are_configuration_errors_naming_the_key(string text)
    {
        var error = Assert.Throws<ImageDslException>(() => ShellWords.Split(text, "cmd"));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains("cmd", error.Message);
    }

    [Fact]
    public void Config_json_matches_apkos_golden_shape_byte_for_byte()
    {
        string diffId = "sha256:" + new string('a', 64);
        var configuration = new ImageConfiguration
        {
            Entrypoint = new ImageEntrypoint { Command = "/bin/sh -l" },
            Annotations = ValueMap.Of(("org.opencontainers.image.title", "Title"), ("org.opencontainers.image.vendor", "Vendor")),
        };
        var annotations = ImageAnnotations.Compute(configuration, DateTimeOffset.UnixEpoch);
        var values = new ImageConfigValues(Architecture.Amd64, DateTimeOffset.UnixEpoch, [diffId], ImageWriter.Cmd(configuration),
            ImageWriter.Entrypoint(configuration), ImageWriter.Env(configuration), annotations, null, [], null, null, "Title by Vendor")
        {
            Author = "github.com/chainguard-dev/apko",
            HistoryAuthor = "apko",
        };
        string json = Encoding.UTF8.GetString(ImageJson.Config(values));

        string expected =
            "{\"architecture\":\"amd64\",\"author\":\"github.com/chainguard-dev/apko\",\"created\":\"1970-01-01T00:00:00Z\"," +
            "\"history\":[{\"author\":\"apko\",\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"apko\",\"comment\":\"Title by Vendor\"}]," +
            "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},\"config\":{\"Entrypoint\":[\"/bin/sh\",\"-l\"]," +
            "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin\",\"SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt\"]," +
            "\"Labels\":{\"org.opencontainers.image.created\":\"1970-01-01T00:00:00Z\",\"org.opencontainers.image.title\":\"Title\"," +
            "\"org.opencontainers.image.vendor\":\"Vendor\"}}}";
        Assert.Equal(expected, json);
        Assert.Equal(658, Encoding.UTF8.GetByteCount(json)); // the size of apko's golden amd64 config
    }

    [Fact]
    public void Config_carries_every_runtime_setting_in_ggcr_order()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Path);
        var configuration = new ImageConfiguration
        {
            Entrypoint = new ImageEntrypoint { Command = "/usr/bin/app --serve" },
            Cmd = "--port 80",
            Environment = ValueMap.Of(("PATH", "/custom"), ("A", "<&>")),
            WorkDir = "/srv",
            StopSignal = "SIGTERM",
            Volumes = ["/data", "/cache"],
            Accounts = new ImageAccounts { RunAs = "65532" },
            VcsUrl = "https://github.com/o/r@abc123",
        };
        OciImage image = ImageWriter.WriteImage(new ImageRequest(new ImageDsl.Assembling.FileSystem.FileTree(), configuration, Architecture.ArmV7)
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            Annotations = new Dictionary<string, string> { ["extra"] = "1" },
        }, store);
        string json = Encoding.UTF8.GetString(store.Read(image.Config.Digest));

        Assert.Contains("\"config\":{\"Cmd\":[\"--port\",\"80\"],\"Entrypoint\":[\"/usr/bin/app\",\"--serve\"],\"Env\":[\"A=\\u003c\\u0026\\u003e\",\"PATH=/custom\",\"SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt\"],", json);
        Assert.Contains("\"User\":\"65532\",\"Volumes\":{\"/cache\":{},\"/data\":{}},\"WorkingDir\":\"/srv\",\"StopSignal\":\"SIGTERM\"},\"variant\":\"v7\"}", json);
        Assert.StartsWith("{\"architecture\":\"arm\",", json);
        Assert.Contains("\"created\":\"2023-11-14T22:13:20Z\"", json);
        Assert.Contains("\"comment\":\"This is an ImageDsl single-layer image\"", json);

        JsonNode manifest = JsonNode.Parse(store.Read(image.Manifest.Digest))!;
        JsonNode labels = JsonNode.Parse(json)!["config"]!["Labels"]!;
        Assert.Equal(manifest["annotations"]!.ToJsonString(), labels.ToJsonString());
        Assert.Equal("https://github.com/o/r", (string?)labels["org.opencontainers.image.source"]);
        Assert.Equal("abc123", (string?)labels["org.opencontainers.image.revision"]);
        Assert.Equal("1", (string?)labels["extra"]);
        Assert.False(store.Read(image.Manifest.Digest).AsSpan().EndsWith("\n"u8));
    }

    [Fact]
    public void Shell_fragment_wins_over_command_and_a_service_bundle_runs_s6()
    {
        Assert.Equal(["/bin/sh", "-c", "echo a && echo b"], ImageWriter.Entrypoint(new ImageConfiguration
        {
            Entrypoint = new ImageEntrypoint { Command = "/bin/false", ShellFragment = "echo a && echo b" },
        }));
        Assert.Equal(["/bin/s6-svscan", "/sv"], ImageWriter.Entrypoint(new ImageConfiguration
        {
            Entrypoint = new ImageEntrypoint { Type = ImageEntrypoint.ServiceBundle },
        }));
    }

    [Fact]
    public void Index_lists_images_sorted_by_architecture_with_platforms()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Path);
        var configuration = new ImageConfiguration();
        var images = new[] { Architecture.S390x, Architecture.ArmV6, Architecture.Amd64 }
            .Select(a => ImageWriter.WriteImage(new ImageRequest(new ImageDsl.Assembling.FileSystem.FileTree(), configuration, a), store))
            .ToArray();
        OciImageIndex index = ImageWriter.WriteIndex(images, configuration, DateTimeOffset.UnixEpoch, store);
        string json = Encoding.UTF8.GetString(store.Read(index.Index.Digest));

        Assert.StartsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":", json);
        Assert.Equal(["amd64", "arm", "s390x"], JsonNode.Parse(json)!["manifests"]!.AsArray().Select(m => (string)m!["platform"]!["architecture"]!));
        Assert.Contains("\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v6\"}", json);
        Assert.EndsWith("\"annotations\":{\"org.opencontainers.image.created\":\"1970-01-01T00:00:00Z\"}}", json);
    }
}
