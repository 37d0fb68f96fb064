using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests;

public class IndexCommandTests
{
    private static async Task<string> MakeRepository(TempDirectory dir)
    {
        Assert.Equal(0, (await CliRun.Run("keygen", "repo", "-o", dir.Combine("keys"), "--bits", "2048")).Exit);
        string root = dir.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "motd"), "hi\n");
        foreach (string arch in new[] { "x86_64", "aarch64" })
        {
            foreach (string version in new[] { "1.10-r0", "1.9-r0" })
            {
                var result = await CliRun.Run("pack", root, "--name", "motd", "--version", version, "--arch", arch, "--builddate", "1700000000",
                    "--sign", dir.Combine("keys", "repo.rsa"), "-o", dir.Combine("repo", arch) + "/");
                Assert.True(result.Exit == 0, result.Err);
            }
        }
        return dir.Combine("repo");
    }

    [Fact]
    public async Task Index_writes_a_signed_deterministic_index_for_every_arch_folder()
    {
        using var dir = new TempDirectory();
        string repo = await MakeRepository(dir);
        var (exit, stdout, stderr) = await CliRun.Run("index", repo, "--sign", dir.Combine("keys", "repo.rsa"), "--description", "test repo");
        Assert.True(exit == 0, stderr);
        Assert.Contains("aarch64/APKINDEX.tar.gz (2 packages, signed with repo.rsa.pub)", stdout);
        Assert.Contains("x86_64/APKINDEX.tar.gz (2 packages, signed with repo.rsa.pub)", stdout);

        string index = Path.Combine(repo, "x86_64", "APKINDEX.tar.gz");
        byte[] first = File.ReadAllBytes(index);
        Assert.Equal(0, (await CliRun.Run("index", repo, "--arch", "x86_64", "--sign", dir.Combine("keys", "repo.rsa"), "--description", "test repo")).Exit);
        Assert.Equal(first, File.ReadAllBytes(index));

        using var stream = new MemoryStream(first);
        GzipMember signatureMember = GzipMemberReader.Read(stream, 0, 1 << 20, index);
        SignatureEntry signature = Assert.Single(SignatureEntry.ParseMember(signatureMember.Content, index));
        Assert.Equal(".SIGN.RSA256.repo.rsa.pub", signature.EntryNameText);
        var key = ApkPublicKey.FromFile(dir.Combine("keys", "repo.rsa.pub"));
        Assert.True(key.Verify(first.AsSpan((int)signatureMember.End), signature.Signature, signature.Type));

        GzipMember body = GzipMemberReader.Read(stream, signatureMember.End, 1 << 20, index);
        string text = System.Text.Encoding.UTF8.GetString(SmallTarReader.Read(body.Content, index).Single(e => e.Name == "APKINDEX").Content);
        string[] records = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, records.Length);
        Assert.Contains("\nV:1.9-r0\n", records[0]);
        Assert.Contains("\nV:1.10-r0\n", records[1]);
        using ApkPackage package = ApkPackageReader.Open(Path.Combine(repo, "x86_64", "motd-1.9-r0.apk"));
        Assert.Equal($"C:{package.ControlChecksum}\nP:motd\nV:1.9-r0\nA:x86_64\nS:{package.Size}\nI:3\nT:\nU:\nL:\no:motd\nt:1700000000", records[0]);
    }

    [Fact]
    public async Task A_package_in_the_wrong_arch_folder_is_refused()
    {
        using var dir = new TempDirectory();
        string repo = await MakeRepository(dir);
        File.Copy(Path.Combine(repo, "aarch64", "motd-1.9-r0.apk"), Path.Combine(repo, "x86_64", "stray-1.0-r0.apk"));
        var (exit, _, stderr) = await CliRun.Run("index", repo, "--arch", "x86_64");
        Assert.Equal(2, exit);
        Assert.Contains("is a aarch64 package, but this is the x86_64 folder", stderr);
        Assert.False(File.Exists(Path.Combine(repo, "x86_64", "APKINDEX.tar.gz")));
    }

    [Fact]
    public async Task A_tampered_package_is_not_indexed()
    {
        using var dir = new TempDirectory();
        string repo = await MakeRepository(dir);
        string apk = Path.Combine(repo, "x86_64", "motd-1.9-r0.apk");
        byte[] bytes = File.ReadAllBytes(apk);
        bytes[^20] ^= 1;
        File.WriteAllBytes(apk, bytes);
        var (exit, _, stderr) = await CliRun.Run("index", repo);
        Assert.Equal(5, exit);
        Assert.Contains("data hash mismatch", stderr);
    }

    [Fact]
    public async Task An_empty_repository_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliRun.Run("index", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("no .apk files", stderr);
    }
}
