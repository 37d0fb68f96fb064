using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// A docker token server (the Bearer flow of docker-registry's <c>auth.token</c>) on 127.0.0.1:
/// <c>GET /token?service=&amp;scope=…</c> with optional Basic auth; answers an RS256 JWT whose
/// <c>kid</c> is the libtrust key id of a self-signed certificate the registry trusts.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "test-registry";
    public const string Issuer = "test-issuer";

    private readonly LoopbackHttpServer server;
    private readonly RSA key;
    private readonly string keyId;

    private TokenServer(LoopbackHttpServer server, RSA key, string keyId, string certificatePath, string user, string password, bool anonymousPull)
    {
        this.server = server;
        this.key = key;
        this.keyId = keyId;
        CertificatePath = certificatePath;
        User = user;
        Password = password;
        AnonymousPull = anonymousPull;
    }

    public string User { get; }

    /// <summary>An OAuth2 refresh token accepted by <c>POST /token</c> (grant_type=refresh_token).</summary>
    public const string RefreshToken = "test-refresh-token";

    /// <summary>How many of the next tokens to sign with a key the registry does not trust.</summary>
    public int UntrustedTokensToIssue;

    public string Password { get; }

    public bool AnonymousPull { get; }

    /// <summary>PEM of the signing certificate (the registry's rootcertbundle).</summary>
    public string CertificatePath { get; }

    public string Realm => $"http://{server.HostAndPort}/token";

    /// <summary>Every token request: whether it had valid credentials (Basic or refresh token), and its scopes.</summary>
    public ConcurrentQueue<(bool Authenticated, string[] Scopes)> Requests { get; } = new();

    /// <summary>The registry's <c>auth:</c> block (indented by 2).</summary>
    public string RegistryAuthYaml =>
        $"  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {CertificatePath}\n";

    public static async Task<TokenServer> StartAsync(TempDirectory directory, string user, string password, bool anonymousPull = false)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=imagedsl-test-token", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        string certificatePath = directory.Combine("token-cert.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        string keyId = LibtrustKeyId(key.ExportSubjectPublicKeyInfo());
        TokenServer? self = null;
        LoopbackHttpServer server = await LoopbackHttpServer.StartAsync(context => self!.HandleAsync(context));
        self = new TokenServer(server, key, keyId, certificatePath, user, password, anonymousPull);
        return self;
    }

    /// <summary>base32(sha256(SPKI DER)[:30]) without padding, in 4-character groups joined by ':'.</summary>
    public static string LibtrustKeyId(byte[] subjectPublicKeyInfo)
    {
        byte[] hash = SHA256.HashData(subjectPublicKeyInfo)[..30];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var base32 = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        foreach (byte b in hash)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                base32.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        string text = base32.ToString();
        return string.Join(':', Enumerable.Range(0, text.Length / 4).Select(i => text.Substring(i * 4, 4)));
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        key.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/token")
        {
            context.Response.StatusCode = 404;
            return;
        }
        bool authenticated = false;
        string header = context.Request.Headers.Authorization.ToString();
        string[] scopes = context.Request.Query["scope"].Where(s => s is not null).Select(s => s!).ToArray();
        if (context.Request.Method == "POST")
        {
            IFormCollection form = await context.Request.ReadFormAsync();
            if (form["grant_type"] != "refresh_token" || form["refresh_token"] != RefreshToken)
            {
                context.Response.StatusCode = 401;
                return;
            }
            authenticated = true;
            scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        else if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            if (decoded != $"{User}:{Password}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}""");
                return;
            }
            authenticated = true;
        }
        Requests.Enqueue((authenticated, scopes));

        var access = new JsonArray();
        foreach (string scope in scopes)
        {
            string[] parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository")
            {
                continue;
            }
            string[] granted = parts[2].Split(',').Where(a => authenticated || (AnonymousPull && a == "pull")).ToArray();
            access.Add(new JsonObject
            {
                ["type"] = "repository",
                ["name"] = parts[1],
                ["actions"] = new JsonArray(granted.Select(a => (JsonNode)a).ToArray()),
            });
        }
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = authenticated ? User : "",
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var jwtHeader = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = keyId };
        string signingInput = Base64Url(Encoding.UTF8.GetBytes(jwtHeader.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature;
        if (Interlocked.Decrement(ref UntrustedTokensToIssue) >= 0)
        {
            using RSA stranger = RSA.Create(2048);
            signature = stranger.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        string token = signingInput + "." + Base64Url(signature);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { token, access_token = token, expires_in = 300 }));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
