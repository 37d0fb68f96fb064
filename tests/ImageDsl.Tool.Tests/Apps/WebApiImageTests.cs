using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImageDsl.Tests.Dsl;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// The ASP.NET Core sample's image (samples/WebApi) built from packages made of this machine's real
/// files: it runs under runc and answers HTTP on loopback as the image's user, in its work-dir, with its
/// environment; the publish output is a real package in the apk database and the SBOM.
/// </summary>
[Collection(ProjectBuildCollection.Name)]
public sealed class WebApiImageTests(WebApiSample sample) : IClassFixture<WebApiSample>
{
    private const int AppUid = 1654;

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Theory]
    [InlineData("webapi", "Hello from an ImageDsl image")]
    [InlineData("webapi-on-runtime", "Hello from an app layer on a base image")]
    public async Task The_app_answers_http_on_loopback_as_the_image_user_in_its_work_dir(string image, string greeting)
    {
        sample.AssertBuilt();
        string layout = image == "webapi" ? sample.Layout : sample.OnBaseLayout;
        int port = RuncContainer.FreeLoopbackPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var container = RuncContainer.Start(WebApiSample.Bundle(layout), new Dictionary<string, string> { ["ASPNETCORE_URLS"] = baseUrl.ToString() });

        using HttpResponseMessage hello = await container.GetWhenReadyAsync(client, baseUrl, TimeSpan.FromMinutes(3));
        Assert.Equal(System.Net.HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal(greeting + "\n", await hello.Content.ReadAsStringAsync());

        string whoami = await client.GetStringAsync(new Uri(baseUrl, "whoami"));
        string[] lines = whoami.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("user=app", lines); // the name from the image's /etc/passwd
        Assert.Contains($"uid={AppUid}", lines);
        Assert.Contains($"gid={AppUid}", lines);
        Assert.Contains("workdir=/app", lines);
        Assert.Contains(lines, l => l.StartsWith("runtime=.NET 10.", StringComparison.Ordinal));
        Assert.Contains("env:GREETING=" + greeting, lines);
        Assert.Contains("env:DOTNET_ROOT=/usr/share/dotnet", lines);
        Assert.Contains("env:DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", lines);
    }

    [Fact]
    public void The_image_config_runs_the_apphost_as_app_in_app()
    {
        sample.AssertBuilt();
        Tool("oci-image-tool", "oci-image-tool", "validate", "--type", "image", sample.Layout);
        JsonNode config = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--config", "oci:" + sample.Layout + ":test").StandardOutput)!;
        JsonNode runtime = config["config"]!;
        Assert.Equal("amd64", (string?)config["architecture"]);
        Assert.Equal(["/app/WebApi"], runtime["Entrypoint"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)runtime["User"]);
        Assert.Equal("/app", (string?)runtime["WorkingDir"]);
        string[] env = runtime["Env"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("DOTNET_ROOT=/usr/share/dotnet", env);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", env);
        Assert.Contains("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", env); // ca-certificates is installed
    }

    [Fact]
    public void The_publish_output_is_the_app_package_over_the_runtime_packages()
    {
        sample.AssertBuilt();
        string installed = File.ReadAllText(Path.Combine(WebApiSample.RootFs(sample.Layout), "usr/lib/apk/db/installed"));
        string[] records = installed.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        string[] names = records.Select(r => r.Split('\n').Single(l => l.StartsWith("P:", StringComparison.Ordinal))[2..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["aspnetcore-runtime", "ca-certificates", "dotnet-runtime", "libc6", "libgcc-s1", "libssl3", "libstdc++6", "webapi", "zlib1g"], names);

        string[] app = records.Single(r => r.Split('\n').Contains("P:webapi")).Split('\n');
        Assert.Contains("V:1.0.0-r0", app);
        Assert.Contains("F:app", app);
        int dll = Array.IndexOf(app, "R:WebApi.dll");
        Assert.True(dll >= 0, string.Join('\n', app));
        Assert.Equal($"a:{AppUid}:{AppUid}:0644", app[dll + 1]);
        string published = Fixtures.Repo("samples", "WebApi", "bin", "publish", "WebApi.dll");
        Assert.Equal("Z:Q1" + Convert.ToBase64String(SHA1.HashData(File.ReadAllBytes(published))), app[dll + 2]);
        Assert.Equal(File.ReadAllBytes(published), File.ReadAllBytes(Path.Combine(WebApiSample.RootFs(sample.Layout), "app/WebApi.dll")));

        // Nothing but the libraries, the runtime, the certificates and the app: no shell, no package manager.
        foreach (string absent in new[] { "bin/sh", "usr/bin/sh", "sbin/apk", "usr/sbin/update-ca-certificates" })
        {
            Assert.False(File.Exists(Path.Combine(WebApiSample.RootFs(sample.Layout), absent)), absent);
        }

        // The runtime the apphost loads is the SDK install's, packed by make-runtime-repo.sh.
        Assert.True(File.Exists(Path.Combine(WebApiSample.RootFs(sample.Layout), "usr/share/dotnet/host/fxr", FrameworkVersion(), "libhostfxr.so")));
        Assert.True(Directory.Exists(Path.Combine(WebApiSample.RootFs(sample.Layout), "usr/share/dotnet/shared/Microsoft.AspNetCore.App")));
    }

    [Fact]
    public void The_sbom_lists_the_app_package_with_its_files_and_the_runtime_it_runs_on()
    {
        sample.AssertBuilt();
        JsonNode sbom = JsonNode.Parse(File.ReadAllText(sample.Work.Combine("sbom", "sbom-x86_64.spdx.json")))!;
        JsonNode[] packages = sbom["packages"]!.AsArray().Select(p => p!).ToArray();
        JsonNode app = packages.Single(p => (string?)p["name"] == "webapi");
        Assert.Equal("1.0.0-r0", (string?)app["versionInfo"]);
        Assert.Contains(packages, p => (string?)p["name"] == "aspnetcore-runtime");
        Assert.Contains(packages, p => (string?)p["name"] == "libc6");

        string sha1 = Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(Fixtures.Repo("samples", "WebApi", "bin", "publish", "WebApi.dll"))));
        var files = sbom["files"]!.AsArray().Select(f => ((string)f!["fileName"]!, (string)f["checksums"]![0]!["checksumValue"]!)).ToList();
        Assert.Contains(("/app/WebApi.dll", sha1), files);
        Assert.Contains(files, f => f.Item1 == "/app/WebApi");
    }

    [Fact]
    public void On_the_runtime_base_image_the_app_is_one_more_layer_and_the_base_carries_over()
    {
        sample.AssertBuilt();
        string[] baseLayers = Layers(sample.BaseLayout);
        string[] layers = Layers(sample.OnBaseLayout);
        Assert.Equal(baseLayers.Length + 1, layers.Length);
        Assert.Equal(baseLayers, layers[..baseLayers.Length]);
        foreach (string hex in baseLayers.Select(d => d["sha256:".Length..]))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(sample.BaseLayout, "blobs", "sha256", hex)), File.ReadAllBytes(Path.Combine(sample.OnBaseLayout, "blobs", "sha256", hex)));
        }

        JsonNode runtime = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--config", "oci:" + sample.OnBaseLayout + ":test").StandardOutput)!["config"]!;
        Assert.Equal(AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)runtime["User"]);
        Assert.Equal("/app", (string?)runtime["WorkingDir"]);
        string[] env = runtime["Env"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("DOTNET_ROOT=/usr/share/dotnet", env);
        Assert.Contains("GREETING=Hello from an app layer on a base image", env);

        // The merged database: the base's packages once each, and the app, whose files are root's.
        string rootfs = WebApiSample.RootFs(sample.OnBaseLayout);
        string[] records = File.ReadAllText(Path.Combine(rootfs, "usr/lib/apk/db/installed")).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        string[] names = records.Select(r => r.Split('\n').Single(l => l.StartsWith("P:", StringComparison.Ordinal))[2..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["aspnetcore-runtime", "ca-certificates", "dotnet-runtime", "libc6", "libgcc-s1", "libssl3", "libstdc++6", "webapi", "zlib1g"], names);
        string[] app = records.Single(r => r.Split('\n').Contains("P:webapi")).Split('\n');
        Assert.StartsWith("Z:Q1", app[Array.IndexOf(app, "R:WebApi.dll") + 1]); // no a: line: root's, the default
        Assert.Equal("0:0\n", Tool("stat", "coreutils", "-c", "%u:%g", Path.Combine(rootfs, "app/WebApi.dll")).StandardOutput);

        // The new layer holds the app, not the runtime again.
        string listing = Tool("tar", "tar", "-tzf", Path.Combine(sample.OnBaseLayout, "blobs", "sha256", layers[^1]["sha256:".Length..])).StandardOutput;
        Assert.Contains("app/WebApi.dll", listing);
        Assert.DoesNotContain("usr/share/dotnet/", listing);
    }

    [Fact]
    public void Making_the_runtime_repository_again_writes_the_same_bytes()
    {
        sample.AssertBuilt();
        Dictionary<string, string> before = Hashes(sample.RuntimeRepository);
        Assert.Contains("x86_64/APKINDEX.tar.gz", before.Keys);
        Assert.Contains(before.Keys, k => k.StartsWith("x86_64/dotnet-runtime-", StringComparison.Ordinal));

        ProcessResult again = sample.MakeRuntimeRepository(); // the same key (kept), the pinned SOURCE_DATE_EPOCH
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(before, Hashes(sample.RuntimeRepository));
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    private static string[] Layers(string layout) =>
        JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci:" + layout + ":test").StandardOutput)!["Layers"]!.AsArray().Select(l => (string)l!).ToArray();

    /// <summary>The hostfxr version folder in the image: the one version make-runtime-repo.sh packed.</summary>
    private string FrameworkVersion() =>
        Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(WebApiSample.RootFs(sample.Layout), "usr/share/dotnet/host/fxr"))));
}
