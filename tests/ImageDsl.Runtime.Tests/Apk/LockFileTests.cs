using System.IO.Compression;
using System.Security.Cryptography;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Formats.Json;

namespace ImageDsl.Tests.Apk;

public sealed class LockFileTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-lock");

    [Fact]
    public void Fields_a_package_leaves_out_read_as_empty_and_write_back()
    {
        // Found by the lock fuzz target: a package without version and architecture must not become nulls.
        LockFile lockFile = LockFile.Parse("""
            {"version":"v1","config":{"name":"img.yaml","checksum":"sha256-x"},
             "contents":{"packages":[{"name":"b","url":"https://repo.test/main/noarch/b-2-r0.apk"}]}}
            """, "partial.lock.json");

        LockPackage package = Assert.Single(lockFile.Contents.Packages);
        Assert.Equal(("", "", ""), (package.Version, package.Architecture, package.Checksum));
        Assert.Equal(LockRange.None, package.Control);
        Assert.Equal("b", Assert.Single(LockFile.Parse(lockFile.ToJson(), "rewritten.lock.json").Contents.Packages).Name);
    }

    [Fact]
    public void Explicit_nulls_read_as_the_fields_defaults()
    {
        LockFile lockFile = LockFile.Parse("""
            {"version":null,"config":{"name":null,"checksum":"sha256-x"},
             "contents":{"keyring":null,"packages":[{"name":"b","url":null,"signature":null,"data":null}]}}
            """, "nulls.lock.json");

        Assert.Equal("v1", lockFile.Version);
        Assert.Equal("", lockFile.Config!.Name);
        Assert.Empty(lockFile.Contents.Keyring);
        LockPackage package = Assert.Single(lockFile.Contents.Packages);
        Assert.Equal(("b", ""), (package.Name, package.Url));
        Assert.Equal((LockRange.None, LockRange.None), (package.Signature, package.Data));
    }

    [Theory]
    [InlineData("""{"contents":{"packages":[null]}}""")]
    [InlineData("""{"contents":{"keyring":[null]}}""")]
    [InlineData("""{"config":{"world":["a",null]}}""")]
    [InlineData("null")]
    public void A_null_entry_is_a_clear_error_naming_the_file(string json)
    {
        var error = Assert.Throws<ImageDslException>(() => LockFile.Parse(json, "bad.lock.json"));
        Assert.Contains("lock file bad.lock.json is not valid", error.Message);
    }

    [Fact]
    public void The_json_is_written_as_go_MarshalIndent_writes_it()
    {
        var lockFile = new LockFile
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
                ],
            },
        };
        string expected = """
            {
              "version": "v1",
              "config": {
                "name": "img.yaml",
                "checksum": "sha256-AAAA+/=="
              },
              "contents": {
                "keyring": [
                  {
                    "name": "keys.test/k.rsa.pub",
                    "url": "https://keys.test/k.rsa.pub",
                    "content": "-----BEGIN PUBLIC KEY-----\nAB+C\n-----END PUBLIC KEY-----\n"
                  }
                ],
                "build_repositories": [],
                "runtime_repositories": [],
                "repositories": [
                  {
                    "name": "repo.test/main/x86_64",
                    "url": "https://repo.test/main/x86_64/APKINDEX.tar.gz",
                    "architecture": "x86_64"
                  }
                ],
                "packages": [
                  {
                    "name": "a",
                    "url": "https://repo.test/main/x86_64/a-1-r0.apk",
                    "version": "1-r0",
                    "architecture": "x86_64",
                    "signature": {
                      "range": "",
                      "checksum": ""
                    },
                    "control": {
                      "range": "bytes=0-9",
                      "checksum": "sha1-xx"
                    },
                    "data": {
                      "range": "bytes=10-19",
                      "checksum": "sha256-yy"
                    },
                    "checksum": "Q1xx"
                  }
                ]
              }
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), lockFile.ToJson());
        Assert.Equal(lockFile.ToJson(), LockFile.Parse(lockFile.ToJson(), "test").ToJson());
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\n\r\t\b\f\u0001\u001f", "\"\\n\\r\\t\\b\\f\\u0001\\u001f\"")]
    [InlineData("\u2028\u2029é+", "\"\\u2028\\u2029é+\"")]
    public void Strings_are_escaped_as_go_escapes_them(string value, string expected)
    {
        Assert.Equal(expected, GoJsonWriter.Quote(value));
    }

    [Fact]
    public void Sections_of_a_signed_package_are_measured_exactly()
    {
        string apk = Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk");
        PackageSections s = PackageSections.Measure(apk, apk);
        byte[] file = File.ReadAllBytes(apk);
        Assert.True(s.SignatureLength > 0);
        Assert.Equal(file.Length, s.SignatureLength + s.ControlLength + s.DataLength);
        // Each range is a complete gzip stream of its own, and the hashes cover exactly those bytes.
        byte[] signature = file[..(int)s.SignatureLength];
        byte[] control = file[(int)s.SignatureLength..(int)(s.SignatureLength + s.ControlLength)];
        byte[] data = file[(int)(s.SignatureLength + s.ControlLength)..];
        foreach (byte[] part in new[] { signature, control, data })
        {
            using var gzip = new GZipStream(new MemoryStream(part), CompressionMode.Decompress);
            gzip.CopyTo(Stream.Null);
        }
        Assert.Equal(SHA1.HashData(signature), s.SignatureSha1);
        Assert.Equal(SHA1.HashData(control), s.ControlSha1);
        Assert.Equal(SHA256.HashData(data), s.DataSha256);
        Assert.Equal($"bytes=0-{s.SignatureLength - 1}", s.SignatureRange.Range);
        Assert.Equal($"bytes={s.SignatureLength}-{s.SignatureLength + s.ControlLength - 1}", s.ControlRange.Range);
        Assert.Equal($"bytes={s.SignatureLength + s.ControlLength}-{file.Length - 1}", s.DataRange.Range);
        // The control hash is the index's C: field.
        byte[] index = File.ReadAllBytes(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"));
        PackageRecord record = Assert.Single(ApkIndex.Read(index, ApkRepository.Parse("x"), "aarch64", "x", null).Packages);
        Assert.Equal(record.Checksum, s.ControlSha1);
    }

    [Fact]
    public async Task A_lock_pins_every_package_with_ranges_keys_and_repositories()
    {
        string repo = _temp.Combine("repo");
        Directory.CreateDirectory(Path.Combine(repo, "aarch64"));
        File.Copy(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"), Path.Combine(repo, "aarch64", "APKINDEX.tar.gz"));
        File.Copy(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"), Path.Combine(repo, "aarch64", "alpine-baselayout-3.2.0-r23.apk"));
        string key = Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub");
        var config = new ImageConfiguration
        {
            Contents = new ImageContents
            {
                Repositories = [repo + "/"],
                RuntimeRepositories = ["https://runtime.test/main"],
                BuildRepositories = ["@tagged https://build.test/main"],
                Keyring = [key],
                Packages = ["alpine-baselayout"],
            },
        };
        using var client = new RepositoryClient(new RepositoryClientOptions { CacheDirectory = _temp.Combine("cache"), Offline = true, Warn = _ => { } });
        // The fixture repository holds only this package (its dependencies live elsewhere), so the
        // resolution is made by hand: the lock builder's job starts after the resolver's.
        var keys = await client.LoadKeysAsync([key]);
        ApkIndex index = Assert.Single(await client.GetIndexesAsync([ApkRepository.Parse(repo)], "aarch64", new(keys.Select(k => k.Key))));
        var resolved = new Resolution("aarch64", [], index.Packages, [], []);
        var resolution = new ImageResolution(ApkInputs.From(config), keys, [Architecture.Arm64], [[index]], [resolved]);
        LockFile lockFile = await LockFileBuilder.BuildAsync("img.yaml", "sha256-x", config, ApkExtras.None, resolution, client);

        LockKey lockKey = Assert.Single(lockFile.Contents.Keyring);
        Assert.Equal((key, key), (lockKey.Name, lockKey.Url));
        Assert.Equal(File.ReadAllText(key), lockKey.Content);
        Assert.Equal(repo + "/aarch64", Assert.Single(lockFile.Contents.Repositories).Name);
        Assert.Equal(repo + "/aarch64/APKINDEX.tar.gz", lockFile.Contents.Repositories[0].Url);
        Assert.Equal("runtime.test/main/aarch64", Assert.Single(lockFile.Contents.RuntimeRepositories).Name);
        // apko strips the scheme before the label, so a labelled repository keeps its scheme in the name.
        Assert.Equal("https://build.test/main/aarch64", Assert.Single(lockFile.Contents.BuildRepositories).Name);
        LockPackage package = Assert.Single(lockFile.Contents.Packages);
        Assert.Equal(("alpine-baselayout", "3.2.0-r23", "aarch64"), (package.Name, package.Version, package.Architecture));
        Assert.Equal(Path.Combine(repo, "aarch64", "alpine-baselayout-3.2.0-r23.apk"), package.Url);
        Assert.StartsWith("bytes=0-", package.Signature.Range);
        Assert.Equal("Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=", package.Checksum);
        Assert.Equal("sha1-LLq2qDNrS/qRnhxQ3hsY/sHbQnc=", package.Control.Checksum);
        Assert.Same(package, Assert.Single(lockFile.PackagesFor("aarch64")));
        Assert.Empty(lockFile.PackagesFor("x86_64"));

        string path = _temp.Combine("img.lock.json");
        lockFile.Save(path);
        Assert.Equal(lockFile.ToJson(), File.ReadAllText(path));
        Assert.EndsWith("}\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_package_file_that_is_not_the_indexed_one_is_refused()
    {
        PackageRecord real = TestIndexes.Alpine317.Packages.Single(p => p.Name == "alpine-baselayout");
        Assert.Equal("3.4.0-r0", real.Version);
        string repo = _temp.Combine("repo");
        Directory.CreateDirectory(Path.Combine(repo, "aarch64"));
        string text = $"C:{real.ChecksumText}\nP:alpine-baselayout\nV:3.4.0-r0\nA:aarch64\n\n";
        File.WriteAllBytes(Path.Combine(repo, "aarch64", "APKINDEX.tar.gz"), TestIndexes.IndexArchive(text));
        File.Copy(Fixtures.Shared("alpine-v3.17-main-aarch64", "alpine-baselayout-3.4.0-r0.MISMATCHED.apk"),
            Path.Combine(repo, "aarch64", "alpine-baselayout-3.4.0-r0.apk"));
        var config = new ImageConfiguration { Contents = new ImageContents { Repositories = [repo], Packages = ["alpine-baselayout"] } };
        using var client = new RepositoryClient(new RepositoryClientOptions { CacheDirectory = _temp.Combine("cache"), IgnoreSignatures = true });
        ImageResolution resolution = await ImageResolver.ResolveAsync(ApkInputs.From(config), [Architecture.Arm64], client);
        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            LockFileBuilder.BuildAsync("img.yaml", "sha256-x", config, ApkExtras.None, resolution, client));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("control hash mismatch", error.Message);
    }

    [Fact]
    public void A_lock_for_another_configuration_is_refused_with_apkos_message()
    {
        var lockFile = new LockFile { Config = new LockConfig { Name = "a.yaml", Checksum = "sha256-old" } };
        var error = Assert.Throws<ImageDslException>(() => lockFile.CheckConfiguration("a.lock.json", "a.yaml", "sha256-new"));
        Assert.Equal("checksum in the lock file 'a.lock.json' does not matches the original config: 'a.yaml' (maybe regenerate the lock file)", error.Message);
        lockFile.CheckConfiguration("a.lock.json", "a.yaml", "sha256-old");
        var warnings = new List<string>();
        new LockFile().CheckConfiguration("a.lock.json", "a.yaml", "sha256-new", warnings.Add);
        Assert.Single(warnings);
    }

    [Fact]
    public void Noarch_packages_are_placed_by_their_url_folder()
    {
        var lockFile = new LockFile
        {
            Contents = new LockContents
            {
                Packages =
                [
                    new LockPackage { Name = "a", Architecture = "x86_64", Url = "r/x86_64/a-1.apk" },
                    new LockPackage { Name = "doc", Architecture = "noarch", Url = "r/aarch64/doc-1.apk" },
                    new LockPackage { Name = "b", Architecture = "aarch64", Url = "r/aarch64/b-1.apk" },
                ],
            },
        };
        Assert.Equal(["doc", "b"], lockFile.PackagesFor("aarch64").Select(p => p.Name));
    }

    [Fact]
    public void Labels_are_removed_like_apkos_RemoveLabel()
    {
        Assert.Equal("https://x/y", LockFileBuilder.RemoveLabel("@a @b https://x/y"));
        Assert.Equal("https://x/y", LockFileBuilder.RemoveLabel("https://x/y"));
        Assert.Throws<ImageDslException>(() => LockFileBuilder.RemoveLabel("@a"));
    }

    public void Dispose() => _temp.Dispose();
}
