using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Fuzz;

/// <summary>
/// Writes the seed corpus (fuzz/corpus/&lt;target&gt;/) from the shared fixtures and a few generated
/// inputs, so it can be remade: <c>dotnet ImageDsl.Fuzz.dll seed fuzz/corpus ../shared/fixtures samples</c>.
/// The `elf` and `tar-pax` seeds are small hand-made files (ELF objects with one or many DT_SONAME entries,
/// tars and PAX record bodies with local, GNU and global headers) kept as they are; this does not touch them.
/// </summary>
internal static class FuzzSeeds
{
    private const string Config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    private const string Layer = "not really a layer";

    /// <summary>The blobs every layout input can reference: a config, a layer and a manifest naming both.</summary>
    public static IReadOnlyList<string> LayoutBlobs { get; } = [Config, Layer, Manifest()];

    public static void Write(string corpus, string fixtures, string samples)
    {
        string F(params string[] parts) => Path.Combine([fixtures, .. parts]);
        void Put(string target, string name, byte[] bytes)
        {
            Directory.CreateDirectory(Path.Combine(corpus, target));
            File.WriteAllBytes(Path.Combine(corpus, target, name), bytes);
        }
        byte[] Mode(int mode, byte[] payload) => [(byte)mode, .. payload];

        foreach (string yaml in Directory.GetFiles(F("apko-examples", "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            Put("yaml", Path.GetFileName(yaml), File.ReadAllBytes(yaml));
        }
        Put("yaml", "sample-hello.yaml", File.ReadAllBytes(Path.Combine(samples, "hello", "hello.yaml")));

        Put("apkindex", "rsa256-signed", Mode(0, File.ReadAllBytes(F("rsa256-signed", "APKINDEX.tar.gz"))));
        Put("apkindex", "apko-cli-repo-x86_64", Mode(0, File.ReadAllBytes(F("apko-cli-repo", "x86_64", "APKINDEX.tar.gz"))));
        Put("apkindex", "fuzz-key-signed", Mode(1, SignedIndex(F("apko-cli-repo", "x86_64"))));
        Put("apkindex", "alpine-text-head", Mode(2, Encoding.UTF8.GetBytes(AlpineIndexHead(F("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"), 40))));
        Put("apkindex", "alpine-text-resolve", Mode(3, Encoding.UTF8.GetBytes(AlpineIndexHead(F("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"), 120))));
        Put("apkindex", "cycle-resolve", Mode(3, Encoding.UTF8.GetBytes(
            "P:a\nV:1-r0\nD:b so:libc.so.6\np:cmd:a=1-r0\n\nP:b\nV:1-r0\nD:a !c\ni:a\n\nP:c\nV:2-r0\np:so:libc.so.6=2\nk:10\n\n")));

        byte[] replayout = File.ReadAllBytes(F("apko-cli-repo", "x86_64", "replayout-1.0.0-r0.apk"));
        Put("apk", "replayout", Mode(0, replayout));
        Put("apk", "pretend-baselayout", Mode(0, File.ReadAllBytes(F("apko-cli-repo", "x86_64", "pretend-baselayout-1.0.0-r0.apk"))));
        Put("apk", "alpine-baselayout", Mode(0, File.ReadAllBytes(F("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"))));
        using (var stream = new MemoryStream(replayout))
        {
            GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, "seed");
            GzipMember control = GzipMemberReader.Read(stream, signature.End, 1 << 20, "seed");
            GzipMember data = GzipMemberReader.Read(stream, control.End, 1 << 24, "seed");
            Put("apk", "replayout-data-tar", Mode(1, data.Content));
            Put("apk", "replayout-pkginfo", Mode(2, SmallTarReader.Read(control.Content, "seed").Single(e => e.Name == ".PKGINFO").Content));
            Put("apk", "replayout-control-tar", Mode(3, control.Content));
            Put("apk", "replayout-signature-tar", Mode(3, signature.Content));
            Put("apk", "replayout-members", Mode(4, replayout[..(int)control.End]));
        }

        Put("version", "versions", Encoding.UTF8.GetBytes(string.Join('\n',
            "1.2.3-r0", "1.0_alpha1", "1.7b", "6.4_p20231125-r0", "4.09-r1", "0.1.0_alpha_pre2", "1.2.2-r1",
            "so:libc.so.6=6", "busybox>=1.35", "x~1.7", "name=1.2.3@community", "!conflict", "cmd:sh=1.36.1-r0", "x=~2", "@tag")));

        Put("deflate", "text-level6", Mode(5 + (9 * 3), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("usr/lib/libc.so.6 usr/lib/libm.so.6 ", 40)))));
        Put("deflate", "binary-level1-tiny-blocks", Mode(0, replayout[..Math.Min(replayout.Length, 4096)]));
        Put("deflate", "runs-level9", Mode(8 + (9 * 2), [.. new byte[300], .. Enumerable.Range(0, 600).Select(i => (byte)(i % 7)), .. new byte[259]]));

        Put("lock", "lock.json", Encoding.UTF8.GetBytes(SampleLock().ToJson()));

        Put("www-authenticate", "bearer", Encoding.UTF8.GetBytes(
            "Bearer realm=\"https://auth.example/token\",service=\"registry\",scope=\"repository:a/b:pull,push\""));
        Put("www-authenticate", "several", Encoding.UTF8.GetBytes(
            "Basic realm=\"x\", Bearer realm=\"https://t\",error=\"insufficient_scope\"\nNegotiate\nBasic realm=\"a\\\"b\""));

        Put("registry-json", "error-body", Mode(0, Encoding.UTF8.GetBytes(
            "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\",\"detail\":{\"digest\":\"sha256:00\"}},{\"code\":\"DENIED\",\"message\":\"no\"}]}")));
        Put("registry-json", "html", Mode(0, Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>")));
        Put("registry-json", "token", Mode(1, Encoding.UTF8.GetBytes("{\"token\":\"abc\",\"expires_in\":300}")));
        Put("registry-json", "access-token", Mode(1, Encoding.UTF8.GetBytes("{\"access_token\":\"abc\",\"issued_at\":\"2024-01-01T00:00:00Z\"}")));

        Put("deps-json", "self-contained", File.ReadAllBytes(Path.Combine(samples, "..", "tests", "ImageDsl.Runtime.Tests", "Sbom", "DepsJson", "DepsApp.self-contained.deps.json")));
        Put("deps-json", "two-projects", Encoding.UTF8.GetBytes(
            "{\"targets\":{\"t\":{\"A/1.0.0\":{\"dependencies\":{\"B\":\"1.0.0\",\"Lib\":\"2.0.0-beta.1\"}},\"B/1.0.0\":{\"dependencies\":{\"Lib\":\"2.0.0-beta.1\"}}," +
            "\"Lib/2.0.0-beta.1\":{\"dependencies\":{\"lib\":\"2.0.0-BETA.1\"}}}},\"libraries\":{\"A/1.0.0\":{\"type\":\"project\"},\"B/1.0.0\":{\"type\":\"project\"}," +
            "\"Lib/2.0.0-beta.1\":{\"type\":\"package\",\"sha512\":\"sha512-" + Convert.ToBase64String(new byte[64]) + "\"},\"Orphan/1.0.0\":{\"type\":\"package\"}}}"));

        string manifest = Manifest();
        string manifestDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        Put("layout", "index-json", Mode(0, Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"latest\"}}}}]}}")));
        Put("layout", "root-manifest", Mode(1, Encoding.UTF8.GetBytes(manifest)));
        Put("layout", "root-index", Mode(1, Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length},\"platform\":{{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}}}}]}}")));
        Put("layout", "platform-manifest", Mode(2, Encoding.UTF8.GetBytes(manifest)));
    }

    private static string Manifest()
    {
        static string Descriptor(string mediaType, string content) =>
            $"{{\"mediaType\":\"{mediaType}\",\"size\":{Encoding.UTF8.GetByteCount(content)},\"digest\":\"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}\"}}";
        return $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{Descriptor("application/vnd.oci.image.config.v1+json", Config)},\"layers\":[{Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Layer)}]}}";
    }

    private static byte[] SignedIndex(string repositoryArchFolder)
    {
        string keyFile = Path.Combine(Directory.CreateTempSubdirectory("imagedsl-fuzz-key-").FullName, "fuzz.rsa");
        File.WriteAllText(keyFile, FuzzKeys.PrivatePem);
        using ApkPrivateKey key = ApkPrivateKey.FromFile(keyFile, "fuzz.rsa.pub");
        return ApkIndexWriter.Write(ApkIndexWriter.ScanDirectory(repositoryArchFolder, "x86_64"), "fuzz seed", key);
    }

    private static string AlpineIndexHead(string indexPath, int records)
    {
        using var file = File.OpenRead(indexPath);
        GzipMember signature = GzipMemberReader.Read(file, 0, 1 << 20, "seed");
        file.Position = signature.End;
        using var tar = new TarReader(new GZipStream(file, CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "APKINDEX")
            {
                string text = new StreamReader(entry.DataStream!).ReadToEnd();
                return string.Join("\n\n", text.Split("\n\n").Take(records)) + "\n\n";
            }
        }
        throw new InvalidOperationException($"{indexPath} has no APKINDEX");
    }

    private static LockFile SampleLock() => new()
    {
        Config = new LockConfig { Name = "img.yaml", Checksum = "sha256-AAAA+/==" },
        Contents = new LockContents
        {
            Keyring = [new LockKey { Name = "keys.test/k.rsa.pub", Url = "https://keys.test/k.rsa.pub", Content = "-----BEGIN PUBLIC KEY-----\nAB+C\n-----END PUBLIC KEY-----\n" }],
            Repositories = [new LockRepository { Name = "repo.test/main/x86_64", Url = "https://repo.test/main/x86_64/APKINDEX.tar.gz", Architecture = "x86_64" }],
            Packages =
            [
                new LockPackage
                {
                    Name = "a", Url = "https://repo.test/main/x86_64/a-1-r0.apk", Version = "1-r0", Architecture = "x86_64",
                    Control = new LockRange { Range = "bytes=0-9", Checksum = "sha1-xx" },
                    Data = new LockRange { Range = "bytes=10-19", Checksum = "sha256-yy" },
                    Checksum = "Q1xx",
                },
                new LockPackage { Name = "b", Url = "https://repo.test/main/noarch/b-2-r0.apk", Version = "2-r0", Architecture = "noarch" },
            ],
        },
    };
}
