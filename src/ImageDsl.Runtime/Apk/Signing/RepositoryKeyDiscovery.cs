using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Signing;

/// <summary>A signing key found for a repository, ready to be written as <see cref="FileName"/> into a keyring.</summary>
/// <param name="FileName">The key's file name (`&lt;kid&gt;.rsa.pub`, or the Alpine key's published name).</param>
/// <param name="Pem">The PEM text (`-----BEGIN PUBLIC KEY-----`), ending with a newline.</param>
/// <param name="Source">Where it came from (credentials removed), for messages.</param>
public sealed record DiscoveredKey(string FileName, string Pem, string Source);

/// <summary>
/// Finds the signing keys of an APK repository the way apko does (apko-behaviour.md §3.6):
/// <list type="bullet">
/// <item>Alpine repositories (`https://host/.../alpine/&lt;branch&gt;/&lt;repo&gt;`): the branch's keys for the
/// architecture from Alpine's `releases.json`, skipping deprecated ones;</item>
/// <item>any other http(s) repository, Chainguard-style: `&lt;repo&gt;/apk-configuration` names a JWKS whose RSA
/// keys become `&lt;kid&gt;.rsa.pub` (a 404 means the repository does not publish keys).</item>
/// </list>
/// Every key is parsed before it is returned, and key names that could escape a keyring folder are refused.
/// </summary>
public sealed partial class RepositoryKeyDiscovery
{
    /// <summary>Where Alpine publishes its release branches and their keys.</summary>
    public static readonly Uri AlpineReleases = new("https://alpinelinux.org/releases.json");

    private const int MaxResponseBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _alpineReleases;
    private readonly TimeProvider _time;

    /// <summary>Uses <paramref name="http"/> for every request; <paramref name="alpineReleases"/> replaces Alpine's URL (mirrors, tests).</summary>
    public RepositoryKeyDiscovery(HttpClient http, Uri? alpineReleases = null, TimeProvider? time = null)
    {
        _http = http;
        _alpineReleases = alpineReleases ?? AlpineReleases;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The longest silence allowed while a body arrives (tests shorten it).</summary>
    internal TimeSpan IdleTimeout { get; init; } = Repositories.IdleTimeoutRead.DefaultIdleTimeout;

    /// <summary>The keys <paramref name="repository"/> publishes for <paramref name="apkArch"/> (e.g. `x86_64`); empty when it publishes none.</summary>
    public async Task<IReadOnlyList<DiscoveredKey>> DiscoverAsync(string repository, string apkArch, CancellationToken cancellationToken = default)
    {
        repository = repository.TrimEnd('/');
        if (!Uri.TryCreate(repository, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return [];
        }
        Match alpine = AlpineRepository().Match(repository);
        return alpine.Success
            ? await AlpineKeysAsync(alpine.Groups[1].Value, apkArch, cancellationToken)
            : await ChainguardKeysAsync(uri, cancellationToken);
    }

    private async Task<IReadOnlyList<DiscoveredKey>> AlpineKeysAsync(string branch, string apkArch, CancellationToken cancellationToken)
    {
        byte[]? body = await GetAsync(_alpineReleases, allowNotFound: false, cancellationToken);
        var keys = new List<DiscoveredKey>();
        try
        {
            using JsonDocument releases = JsonDocument.Parse(body);
            JsonElement? match = releases.RootElement.TryGetProperty("release_branches", out JsonElement branches) && branches.ValueKind == JsonValueKind.Array
                ? branches.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(b => Text(b!.Value, "rel_branch") == branch)
                : null;
            if (match is not { } found || !found.TryGetProperty("keys", out JsonElement byArch) || byArch.ValueKind != JsonValueKind.Object
                || !byArch.TryGetProperty(apkArch, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                return keys;
            }
            foreach (JsonElement entry in list.EnumerateArray())
            {
                string? url = Text(entry, "url");
                if (string.IsNullOrEmpty(url) || Deprecated(Text(entry, "deprecated_since")))
                {
                    continue;
                }
                // releases.json writes '@' in key names as %40; the file is named with the '@'.
                var keyUri = new Uri(_alpineReleases, url);
                string name = SafeName(Uri.UnescapeDataString(keyUri.Segments[^1]), keyUri);
                string pem = ValidatedPem(await GetAsync(keyUri, allowNotFound: false, cancellationToken), keyUri);
                keys.Add(new DiscoveredKey(name, pem, Redact(keyUri)));
            }
        }
        catch (JsonException e)
        {
            throw Invalid(_alpineReleases, e.Message);
        }
        return keys;
    }

    private async Task<IReadOnlyList<DiscoveredKey>> ChainguardKeysAsync(Uri repository, CancellationToken cancellationToken)
    {
        var discovery = new Uri(repository.AbsoluteUri.TrimEnd('/') + "/apk-configuration");
        byte[]? configuration = await GetAsync(discovery, allowNotFound: true, cancellationToken);
        if (configuration is null)
        {
            return [];
        }
        Uri jwksUri;
        try
        {
            using JsonDocument document = JsonDocument.Parse(configuration);
            string? jwks = document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "jwks_uri") : null;
            if (string.IsNullOrEmpty(jwks))
            {
                throw Invalid(discovery, "no jwks_uri");
            }
            jwksUri = new Uri(discovery, jwks);
        }
        catch (JsonException e)
        {
            throw Invalid(discovery, e.Message);
        }

        byte[] keySet = (await GetAsync(jwksUri, allowNotFound: false, cancellationToken))!;
        var keys = new List<DiscoveredKey>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(keySet);
            if (!document.RootElement.TryGetProperty("keys", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(jwksUri, "no \"keys\" array");
            }
            foreach (JsonElement key in list.EnumerateArray())
            {
                string kid = Text(key, "kid") ?? throw Invalid(jwksUri, "a key has no \"kid\"");
                if (Text(key, "kty") != "RSA")
                {
                    continue; // apk signatures are RSA; other key types cannot verify anything.
                }
                string name = SafeName(kid + ".rsa.pub", jwksUri);
                keys.Add(new DiscoveredKey(name, RsaPem(key, kid, jwksUri), Redact(jwksUri)));
            }
        }
        catch (JsonException e)
        {
            throw Invalid(jwksUri, e.Message);
        }
        return keys;
    }

    private static string RsaPem(JsonElement key, string kid, Uri source)
    {
        try
        {
            var parameters = new RSAParameters
            {
                Modulus = Base64Url(Text(key, "n")),
                Exponent = Base64Url(Text(key, "e")),
            };
            using RSA rsa = RSA.Create(parameters);
            return rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            throw Invalid(source, $"key {kid} is not a valid RSA public key: {e.Message}");
        }
    }

    private static byte[] Base64Url(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new FormatException("missing n or e");
        }
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    private static string ValidatedPem(byte[]? body, Uri source)
    {
        string pem = Encoding.UTF8.GetString(body ?? []);
        try
        {
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw Invalid(source, "not a PEM RSA public key");
        }
        return pem.EndsWith('\n') ? pem : pem + "\n";
    }

    private bool Deprecated(string? since)
    {
        if (string.IsNullOrWhiteSpace(since))
        {
            return false;
        }
        return DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset when)
            && when <= _time.GetUtcNow();
    }

    /// <summary>GETs <paramref name="uri"/>; null on 404 when allowed; errors name the URL without credentials.</summary>
    private async Task<byte[]?> GetAsync(Uri uri, bool allowNotFound, CancellationToken cancellationToken)
    {
        // One deadline for the whole answer, headers included: the client may be shared with the
        // repositories and have no timeout of its own.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(BodyDeadline);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            throw new ImageDslException(ErrorKind.Network, $"key discovery: cannot reach {Redact(uri)}: {e.Message}",
                "Check the repository URL and the network; run again when the server answers.", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImageDslException(ErrorKind.Network, $"key discovery: GET {Redact(uri)}: no answer within {BodyDeadline.TotalSeconds:0} s",
                "Check the repository URL and the network; run again when the server answers.");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && allowNotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageDslException(ErrorKind.Network,
                    $"key discovery: GET {Redact(uri)} answered {(int)response.StatusCode} {response.ReasonPhrase}",
                    "Check the repository URL in /etc/apk/repositories; the server must publish its keys there.");
            }
            // The same bounded reading as every other download: a size limit, and no more than
            // IdleTimeoutRead.DefaultIdleTimeout of silence per read within the deadline.
            try
            {
                return await Repositories.IdleTimeoutRead.ReadBodyAsync(response.Content, MaxResponseBytes, IdleTimeout, deadline.Token);
            }
            catch (Repositories.ResponseTooLargeException)
            {
                throw Invalid(uri, $"the response is larger than {MaxResponseBytes} bytes");
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ImageDslException(ErrorKind.Network,
                    $"key discovery: GET {Redact(uri)}: {(e is TimeoutException ? e.Message : $"the body did not arrive within {BodyDeadline.TotalSeconds:0} s")}",
                    "Check the repository URL and the network; run again when the server answers.");
            }
        }
    }

    /// <summary>The longest one key-discovery answer (headers and body) may take to arrive.</summary>
    private static readonly TimeSpan BodyDeadline = TimeSpan.FromSeconds(60);

    /// <summary>A key name must be a plain file name: it becomes a path under the keyring folder.</summary>
    private static string SafeName(string name, Uri source)
    {
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"key discovery: {Redact(source)} names a key '{name}', which is not a plain file name",
                "Do not trust this repository's key discovery; add its key with -k/--keyring-append instead.");
        }
        return name;
    }

    private static ImageDslException Invalid(Uri source, string detail) =>
        new(ErrorKind.Network, $"key discovery: {Redact(source)} did not answer as expected: {detail}",
            "The server does not publish keys the way apko expects; add the key with -k/--keyring-append instead.");

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The URL without `user:password@`.</summary>
    public static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;

    [GeneratedRegex(@"^https?://.+/alpine/([^/]+)/[^/]+$")]
    private static partial Regex AlpineRepository();
}
