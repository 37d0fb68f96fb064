using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Packages;

public class PackageWriterTests
{
    private static readonly Lazy<ApkPrivateKey> Key = new(() => ApkPrivateKey.Generate("writer-test.rsa.pub", 2048));

    private static PackageInfo Info(string name = "hello", string version = "1.2.3-r0") => new()
    {
        Name = name,
        Version = version,
        Arch = "x86_64",
        Description = "says hello",
        License = "MIT",
        Origin = name,
        Url = "https://example.org/hello",
        Maintainer = "Someone <someone@example.org>",
        BuildDate = 1700000000,
        Depends = ["hello-baselayout", "so:libc.musl-x86_64.so.1"],
        Provides = ["cmd:hello=1.2.3-r0"],
        Replaces = ["old-hello"],
        InstallIf = ["hello-baselayout", "docs"],
        ProviderPriority = 10,
        Triggers = ["/usr/share/hello/*"],
    };

    private static List<PackEntry> Files() =>
    [
        PackEntry.File("usr/share/hello/greeting.txt", "Hello from ImageDsl\n"u8.ToArray()),
        PackEntry.File("usr/bin/hello", "#!/bin/sh\ncat /usr/share/hello/greeting.txt\n"u8.ToArray(), mode: 0x1ED),
        PackEntry.Symlink("usr/bin/hi", "hello"),
        PackEntry.Directory("var/empty", mode: 0x16D), // 0555
        PackEntry.File("usr/bin/su-ish", "x"u8.ToArray(), mode: 0x9ED) with { Uid = 0, Gid = 0 }, // 04755
        new PackEntry("usr/bin/hi-hard", ApkEntryType.HardLink) { LinkTarget = "usr/bin/hello" },
    ];

    private static byte[] Pack(PackageInfo? info = null, ApkPrivateKey? key = null, IEnumerable<ControlFile>? scripts = null)
    {
        var output = new MemoryStream();
        ApkPackageWriter.Write(output, info ?? Info(), Files(), key, scripts);
        return output.ToArray();
    }

    [Fact]
    public void Our_reader_verifies_what_the_writer_wrote_including_the_signature()
    {
        var output = new MemoryStream();
        ApkWriteResult result = ApkPackageWriter.Write(output, Info(), Files(), Key.Value,
            [new ControlFile(".post-install", 0x1ED, "#!/bin/sh\necho installed\n"u8.ToArray())]);

        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(output.ToArray()), "hello.apk", new ApkPackageReaderOptions
        {
            ExpectedControlChecksum = result.ControlChecksum,
            Keyring = new Keyring([Key.Value.PublicKey]),
            SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
        });
        Assert.Equal(PackageSignatureStatus.Verified, package.SignatureStatus);
        Assert.Equal("writer-test.rsa.pub", package.VerifiedBy);
        Assert.Equal(SignatureType.Rsa256, Assert.Single(package.Signatures).Type);
        Assert.Equal(result.Size, package.Size);
        Assert.Equal(result.Info, package.Info with { Depends = result.Info.Depends, Provides = result.Info.Provides, Replaces = result.Info.Replaces, InstallIf = result.Info.InstallIf, Triggers = result.Info.Triggers, OtherFields = result.Info.OtherFields });
        Assert.Equal(Info().Depends, package.Info.Depends);
        Assert.Equal(Info().InstallIf, package.Info.InstallIf);
        Assert.Equal(Info().Triggers, package.Info.Triggers);
        Assert.Equal(10, package.Info.ProviderPriority);
        Assert.Equal(".post-install", Assert.Single(package.Scripts).Name);

        List<ApkDataEntry> entries = CraftedApk.Expand(package);
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello", "usr/bin/hi", "usr/bin/hi-hard", "usr/bin/su-ish",
            "usr/share", "usr/share/hello", "usr/share/hello/greeting.txt", "var", "var/empty"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal(1700000000, e.ModificationTime));
        Assert.All(entries, e => Assert.Equal((0L, 0L, "root", "root"), (e.Uid, e.Gid, e.UserName, e.GroupName)));
        Assert.Equal(0x9ED, entries.Single(e => e.Path == "usr/bin/su-ish").Mode);
        Assert.Equal(0x16D, entries.Single(e => e.Path == "var/empty").Mode);
        Assert.Equal("usr/bin/hello", entries.Single(e => e.Path == "usr/bin/hi-hard").LinkTarget);
        Assert.NotNull(entries.Single(e => e.Path == "usr/bin/hi").Checksum);
        Assert.Equal(20 + 44 + 1, package.Info.InstalledSize);
    }

    [Fact]
    public void The_same_inputs_give_identical_bytes()
    {
        Assert.Equal(Pack(key: Key.Value), Pack(key: Key.Value));
        Assert.NotEqual(Pack(), Pack(Info() with { BuildDate = 1700000001 }));
    }

    [Fact]
    public void The_members_are_laid_out_as_abuild_does()
    {
        byte[] bytes = Pack(key: Key.Value);
        using var stream = new MemoryStream(bytes);
        GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, "x");
        Assert.Equal(1024, signature.Content.Length); // one header + one block: cut, no end-of-archive blocks
        Assert.StartsWith(".SIGN.RSA256.writer-test.rsa.pub\0", Encoding.ASCII.GetString(signature.Content, 0, 40));

        GzipMember control = GzipMemberReader.Read(stream, signature.End, 1 << 20, "x");
        Assert.False(control.Content.AsSpan(control.Content.Length - 512).IndexOfAnyExcept((byte)0) < 0,
            "the control tar must be cut without end-of-archive blocks");
        var pkginfo = SmallTarReader.Read(control.Content, "x").Single(e => e.Name == ".PKGINFO");
        string text = Encoding.UTF8.GetString(pkginfo.Content);
        Assert.Contains("\nsize = 65\n", text);
        Assert.Contains("\nbuilddate = 1700000000\n", text);
        Assert.Contains("\ninstall_if = hello-baselayout docs\n", text);
        Assert.EndsWith($"datahash = {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan((int)control.End)))}\n", text);

        // The data tar is a complete PAX tar the base library reads, with abuild's checksum records.
        using var gzip = new GZipStream(new MemoryStream(bytes, (int)control.End, bytes.Length - (int)control.End), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var hello = (PaxTarEntry)Enumerable.Range(0, 20).Select(_ => tar.GetNextEntry()).First(e => e!.Name == "usr/bin/hello")!;
        Assert.Equal("b1ae0c06d23a2b1d5e95a58ba1e5b50e8da1a0c8".Length, hello.ExtendedAttributes["APK-TOOLS.checksum.SHA1"].Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, hello.Mode);
        Assert.DoesNotContain(hello.ExtendedAttributes.Keys, k => k is "atime" or "ctime");
    }

    [Fact]
    public void A_package_signed_by_one_key_is_refused_by_a_different_key_of_the_same_name()
    {
        byte[] bytes = Pack(key: Key.Value);
        using var impostor = ApkPrivateKey.Generate("writer-test.rsa.pub", 2048);
        var error = Assert.Throws<ImageDslException>(() =>
            ApkPackageReader.Open(new MemoryStream(bytes), "hello.apk", new ApkPackageReaderOptions { Keyring = new Keyring([impostor.PublicKey]) }));
        Assert.Contains("signature .SIGN.RSA256.writer-test.rsa.pub does not verify with the trusted key writer-test.rsa.pub", error.Message);
    }

    [Fact]
    public void A_tampered_signature_is_refused_by_the_signing_key()
    {
        byte[] bytes = Pack(key: Key.Value);
        using var stream = new MemoryStream(bytes);
        GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, "x");
        byte[] tar = (byte[])signature.Content.Clone();
        tar[600] ^= 0x80;
        byte[] tampered = [.. GzipMemberWriter.Compress(tar), .. bytes.AsSpan((int)signature.End)];
        var error = Assert.Throws<ImageDslException>(() =>
            ApkPackageReader.Open(new MemoryStream(tampered), "hello.apk", new ApkPackageReaderOptions { Keyring = new Keyring([Key.Value.PublicKey]) }));
        Assert.Contains("does not verify with the trusted key writer-test.rsa.pub", error.Message);
    }

    [Fact]
    public void WriteFile_replaces_the_output_atomically_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("out", "hello-1.2.3-r0.apk");
        ApkPackageWriter.WriteFile(path, Info(), Files(), Key.Value);
        byte[] first = File.ReadAllBytes(path);
        ApkPackageWriter.WriteFile(path, Info(), Files(), Key.Value);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(["hello-1.2.3-r0.apk"], Directory.GetFiles(dir.Combine("out")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("bad name", "1.0-r0", "package name 'bad name' is not valid")]
    [InlineData("hello", "1.0.x", "version '1.0.x' is not an apk version")]
    public void Bad_metadata_is_refused_before_anything_is_written(string name, string version, string message)
    {
        var error = Assert.Throws<ImageDslException>(() => Pack(Info(name, version) with { Provides = [], InstallIf = [], Replaces = [] }));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    public void Unsafe_paths_are_refused_by_the_writer(string path)
    {
        var error = Assert.Throws<ImageDslException>(() =>
            ApkPackageWriter.Write(new MemoryStream(), Info(), [PackEntry.File(path, [])]));
        Assert.Contains($"cannot pack '{path}'", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_folder_is_packed_with_normalised_ownership_and_permissions()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("etc"));
        File.WriteAllText(dir.Combine("etc", "motd"), "hi\n");
        File.SetUnixFileMode(dir.Combine("etc", "motd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite); // 0620, an odd umask
        Directory.CreateDirectory(dir.Combine("usr", "bin"));
        File.WriteAllText(dir.Combine("usr", "bin", "tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(dir.Combine("usr", "bin", "tool"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(dir.Combine("usr", "bin", "link"), "tool");

        var normalised = PackageContents.FromDirectory(dir.Path).ToDictionary(e => e.Path);
        Assert.Equal(0x1A4, normalised["etc/motd"].Mode);
        Assert.Equal(0x1ED, normalised["usr/bin/tool"].Mode);
        Assert.Equal(0x1ED, normalised["usr/bin"].Mode);
        Assert.Equal((ApkEntryType.SymbolicLink, "tool"), (normalised["usr/bin/link"].Type, normalised["usr/bin/link"].LinkTarget));
        Assert.All(normalised.Values, e => Assert.Equal((0L, 0L), (e.Uid, e.Gid)));

        var preserved = PackageContents.FromDirectory(dir.Path, preservePermissions: true).ToDictionary(e => e.Path);
        Assert.Equal(0x190, preserved["etc/motd"].Mode); // 0620
        Assert.Equal(0x1C0, preserved["usr/bin/tool"].Mode); // 0700
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_symlink_to_a_directory_stays_a_symlink_and_its_target_is_not_walked_twice()
    {
        // Real trees (/usr/lib/jvm, publish outputs) link one folder to another: a -> b.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("usr", "lib", "b", "bin"));
        File.WriteAllText(dir.Combine("usr", "lib", "b", "bin", "tool"), "#!/bin/sh\n");
        File.CreateSymbolicLink(dir.Combine("usr", "lib", "a"), "b");
        File.CreateSymbolicLink(dir.Combine("usr", "lib", "outside"), "/etc"); // absolute, and a directory on the host

        var entries = PackageContents.FromDirectory(dir.Path);
        var byPath = entries.ToDictionary(e => e.Path);
        Assert.Equal((ApkEntryType.SymbolicLink, "b"), (byPath["usr/lib/a"].Type, byPath["usr/lib/a"].LinkTarget));
        Assert.Equal((ApkEntryType.SymbolicLink, "/etc"), (byPath["usr/lib/outside"].Type, byPath["usr/lib/outside"].LinkTarget));
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("usr/lib/a/", StringComparison.Ordinal) || e.Path.StartsWith("usr/lib/outside/", StringComparison.Ordinal));

        var apk = new MemoryStream();
        ApkPackageWriter.Write(apk, Info(), entries);
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(apk.ToArray()), "hello.apk", new ApkPackageReaderOptions());
        var written = CraftedApk.Expand(package).ToDictionary(e => e.Path);
        Assert.Equal((ApkEntryType.SymbolicLink, "b"), (written["usr/lib/a"].Type, written["usr/lib/a"].LinkTarget));
        Assert.Equal(ApkEntryType.RegularFile, written["usr/lib/b/bin/tool"].Type);
    }

    [Fact]
    public void A_folder_holding_a_fifo_is_refused_rather_than_hanging()
    {
        string mkfifo = RequiredTool.Find("mkfifo", "coreutils");
        using var dir = new TempDirectory();
        ProcessResult made = ProcessRunner.Run(mkfifo, [dir.Combine("pipe")]);
        Assert.True(made.ExitCode == 0, made.ToString());
        var error = Assert.Throws<ImageDslException>(() => PackageContents.FromDirectory(dir.Path));
        Assert.Contains("is not a regular file, directory or symlink", error.Message);
    }
}
