using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tests;

public class PackCommandTests : IClassFixture<PackCommandTests.Keys>
{
    private readonly Keys _keys;

    public PackCommandTests(Keys keys) => _keys = keys;

    /// <summary>Two key pairs with the same file name, made once for the class (key generation is slow).</summary>
    public sealed class Keys : IDisposable
    {
        public TempDirectory Dir { get; } = new();

        public Keys()
        {
            KeygenTo("a");
            KeygenTo("b");
        }

        public string Private(string which) => Dir.Combine(which, "packager.rsa");

        public string Public(string which) => Dir.Combine(which, "packager.rsa.pub");

        private void KeygenTo(string which)
        {
            using ApkPrivateKey key = ApkPrivateKey.Generate("packager.rsa.pub", 2048);
            Directory.CreateDirectory(Dir.Combine(which));
            File.WriteAllText(Private(which), key.ExportPrivatePem());
            File.WriteAllText(Public(which), key.ExportPublicPem());
        }

        public void Dispose() => Dir.Dispose();
    }

    private static string MakeTree(TempDirectory dir)
    {
        string root = dir.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "usr", "bin"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", "hello"));
        File.WriteAllText(Path.Combine(root, "usr", "share", "hello", "greeting.txt"), "Hello!\n");
        File.WriteAllText(Path.Combine(root, "usr", "bin", "hello"), "#!/bin/sh\ncat /usr/share/hello/greeting.txt\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "usr", "bin", "hello"), (UnixFileMode)0x1ED);
        }
        return root;
    }

    private Task<(int Exit, string Out, string Err)> Pack(string root, string output, string key = "a", params string[] extra) =>
        CliRun.Run(["pack", root, "--name", "hello", "--version", "1.0.0-r0", "--arch", "x86_64", "--depends", "hello-baselayout",
            "--provides", "cmd:hello=1.0.0-r0", "--description", "says hello", "--license", "MIT", "--builddate", "1700000000",
            "--sign", _keys.Private(key), "-o", output, .. extra]);

    [Fact]
    public async Task Packing_twice_gives_identical_bytes_that_our_reader_verifies()
    {
        using var dir = new TempDirectory();
        string root = MakeTree(dir);
        var first = await Pack(root, dir.Combine("one", "hello.apk"));
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("signed with packager.rsa.pub", first.Out);
        Assert.Equal(0, (await Pack(root, dir.Combine("two") + "/")).Exit);
        byte[] bytes = File.ReadAllBytes(dir.Combine("one", "hello.apk"));
        Assert.Equal(bytes, File.ReadAllBytes(dir.Combine("two", "hello-1.0.0-r0.apk")));

        using ApkPackage package = ApkPackageReader.Open(dir.Combine("one", "hello.apk"), new ApkPackageReaderOptions
        {
            Keyring = new Keyring([ApkPublicKey.FromFile(_keys.Public("a"))]),
            SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
        });
        Assert.Equal(PackageSignatureStatus.Verified, package.SignatureStatus);
        Assert.Equal(("hello", "1.0.0-r0", "x86_64", 1700000000L), (package.Info.Name, package.Info.Version, package.Info.Arch, package.Info.BuildDate));
        Assert.Equal(["hello-baselayout"], package.Info.Depends);
        Assert.Equal("hello", package.Info.Origin);
        var entries = package.ReadData().Select(e => (e.Path, e.Mode, e.Uid)).ToList();
        Assert.Contains(("usr/bin/hello", 0x1ED, 0L), entries);
        Assert.Contains(("usr/share/hello/greeting.txt", 0x1A4, 0L), entries);
        Assert.Contains(package.ControlChecksum, first.Out);
    }

    [Fact]
    public async Task A_package_whose_signature_was_swapped_for_another_keys_is_refused()
    {
        using var dir = new TempDirectory();
        string root = MakeTree(dir);
        Assert.Equal(0, (await Pack(root, dir.Combine("a.apk"), "a")).Exit);
        Assert.Equal(0, (await Pack(root, dir.Combine("b.apk"), "b")).Exit);
        byte[] a = File.ReadAllBytes(dir.Combine("a.apk"));
        byte[] b = File.ReadAllBytes(dir.Combine("b.apk"));
        long aSig = GzipMemberReader.Read(new MemoryStream(a), 0, 1 << 20, "a").End;
        long bSig = GzipMemberReader.Read(new MemoryStream(b), 0, 1 << 20, "b").End;
        Assert.Equal(a.AsSpan((int)aSig).ToArray(), b.AsSpan((int)bSig).ToArray()); // only the signature differs
        byte[] forged = [.. b.AsSpan(0, (int)bSig), .. a.AsSpan((int)aSig)];

        var keyringA = new Keyring([ApkPublicKey.FromFile(_keys.Public("a"))]);
        var error = Assert.Throws<ImageDslException>(() =>
            ApkPackageReader.Open(new MemoryStream(forged), "forged.apk", new ApkPackageReaderOptions { Keyring = keyringA }));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("package hello-1.0.0-r0 from forged.apk: signature .SIGN.RSA256.packager.rsa.pub does not verify with the trusted key packager.rsa.pub", error.Message);
    }

    [Fact]
    public void The_build_date_comes_from_SOURCE_DATE_EPOCH_when_not_given()
    {
        // Run the real tool in its own process: the variable must not leak into tests running beside this one.
        using var dir = new TempDirectory();
        string root = MakeTree(dir);
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? RequiredTool.Find("dotnet", "dotnet-sdk-10.0");
        string tool = typeof(ImageDsl.Tool.Cli.ImageCli).Assembly.Location;
        ProcessResult result = ProcessRunner.Run(dotnet,
            ["exec", tool, "pack", root, "--name", "hello", "--version", "1.0-r0", "--arch", "aarch64", "-o", dir.Combine("x.apk")],
            environment: new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1234567890" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unsigned", result.StandardOutput);

        using ApkPackage package = ApkPackageReader.Open(dir.Combine("x.apk"));
        Assert.Equal(1234567890, package.Info.BuildDate);
        Assert.All(package.ReadData(), e => Assert.Equal(1234567890, e.ModificationTime));
        Assert.Equal(PackageSignatureStatus.Unsigned, package.SignatureStatus);

        ProcessResult bad = ProcessRunner.Run(dotnet,
            ["exec", tool, "pack", root, "--name", "hello", "--version", "1.0-r0", "--arch", "aarch64", "-o", dir.Combine("y.apk")],
            environment: new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "yesterday" });
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("failed to parse SOURCE_DATE_EPOCH 'yesterday': it is not Unix seconds", bad.StandardError);
    }

    [Theory]
    [InlineData("--version", "1.0.x", "version '1.0.x' is not an apk version")]
    [InlineData("--depends", "foo==1", "depend 'foo==1'")]
    [InlineData("--name", "has space", "package name 'has space' is not valid")]
    public async Task Bad_metadata_is_a_usage_error_and_writes_nothing(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        string root = MakeTree(dir);
        var args = new List<string> { "pack", root, "--name", "hello", "--version", "1.0-r0", "--arch", "x86_64", "-o", dir.Combine("out.apk") };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        var (exit, _, stderr) = await CliRun.Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task A_tree_linking_one_folder_to_another_packs_the_link_as_a_link()
    {
        // As in /usr/lib/jvm: java-1.17.0-openjdk-amd64 -> java-17-openjdk-amd64.
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var dir = new TempDirectory();
        string root = MakeTree(dir);
        Directory.CreateDirectory(Path.Combine(root, "usr", "lib", "b"));
        File.WriteAllText(Path.Combine(root, "usr", "lib", "b", "release"), "17\n");
        File.CreateSymbolicLink(Path.Combine(root, "usr", "lib", "a"), "b");

        var packed = await Pack(root, dir.Combine("hello.apk"));
        Assert.True(packed.Exit == 0, packed.Err);

        // GNU tar reads the concatenated gzip members as one stream: the link is there once, as a link.
        ProcessResult listed = ProcessRunner.Run(RequiredTool.Find("tar", "tar"), ["-tvzf", dir.Combine("hello.apk")]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Matches(@"(?m)^l\S+ .* usr/lib/a -> b$", listed.StandardOutput);
        Assert.Contains("usr/lib/b/release", listed.StandardOutput);
        Assert.DoesNotContain("usr/lib/a/", listed.StandardOutput);
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliRun.Run("pack", dir.Combine("nope"), "--name", "x", "--version", "1-r0", "--arch", "x86_64", "-o", dir.Combine("x.apk"));
        Assert.Equal(2, exit);
        Assert.Contains("is not a directory", stderr);
    }
}
