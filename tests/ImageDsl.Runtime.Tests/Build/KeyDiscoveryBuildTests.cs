using System.Security.Cryptography;
using System.Text.Json;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Tests.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Build;

/// <summary>A configuration without a keyring builds when the repository publishes its keys, as apko discovers them.</summary>
public class KeyDiscoveryBuildTests
{
    private static string Jwks()
    {
        using RSA rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")));
        RSAParameters p = rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", kid = "melange", n = Base64Url(p.Modulus!), e = Base64Url(p.Exponent!) } },
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<LoopbackHttpServer> ServeRepository(bool publishKeys)
    {
        string jwks = Jwks();
        string root = Fixtures.Shared("apko-cli-repo");
        LoopbackHttpServer? server = null;
        server = await LoopbackHttpServer.StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path == "/repo/apk-configuration" && publishKeys)
            {
                await context.Response.WriteAsync($$"""{"jwks_uri":"http://{{server!.HostAndPort}}/jwks.json"}""");
                return;
            }
            if (path == "/jwks.json" && publishKeys)
            {
                await context.Response.WriteAsync(jwks);
                return;
            }
            string file = Path.Combine(root, path.Replace("/repo/", "", StringComparison.Ordinal));
            if (!path.StartsWith("/repo/", StringComparison.Ordinal) || !File.Exists(file))
            {
                context.Response.StatusCode = 404;
                return;
            }
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(file));
        });
        return server;
    }

    private static BuildRequest Request(string repository, TempDirectory temp) => new()
    {
        Configuration = ConfigurationLoader.Parse($"""
            contents:
              repositories: [{repository}]
              packages: [replayout]
            archs: [amd64]
            """).Configuration,
        Repository = new RepositoryClientOptions { CacheDirectory = temp.Combine("cache") },
        TemporaryDirectory = temp.Combine("build"),
    };

    [Fact]
    public async Task Keys_published_at_apk_configuration_verify_the_index_and_land_in_the_image()
    {
        using var temp = new TempDirectory();
        await using LoopbackHttpServer server = await ServeRepository(publishKeys: true);
        using BuiltImage image = await ImageBuilder.BuildAsync(Request($"http://{server.HostAndPort}/repo", temp));
        Assert.True(image.SbomImages[0].Tree.Exists("etc/apk/keys/melange.rsa.pub"));
    }

    [Fact]
    public async Task Without_published_keys_the_build_says_no_keys_were_given()
    {
        using var temp = new TempDirectory();
        await using LoopbackHttpServer server = await ServeRepository(publishKeys: false);
        var error = await Assert.ThrowsAnyAsync<ImageDslException>(() => ImageBuilder.BuildAsync(Request($"http://{server.HostAndPort}/repo", temp)));
        Assert.Contains("keys", error.Message);
    }
}
