using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Install;
using ImageDsl.Assembling.Skeleton;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Tests.Packages;

namespace ImageDsl.Tests.Assembling;

/// <summary>
/// Packages read ahead on several threads must install exactly as one after another would: same tree,
/// same layer bytes, and a broken package fails the install with its own error when its turn comes.
/// </summary>
public class PackagePrefetcherTests
{
    private static readonly string[] Names = ["one", "two", "three", "four", "five", "six"];

    /// <summary>Six crafted packages with overlapping folders and many files each, so readers really run ahead.</summary>
    private static List<byte[]> Packages() => Names.Select((name, i) => CraftedApk.Build(
        [
            CraftedApk.Entry("usr", '5'),
            CraftedApk.Entry("usr/share", '5'),
            CraftedApk.Entry($"usr/share/{name}", '5'),
            .. Enumerable.Range(0, 300).Select(f => CraftedApk.File($"usr/share/{name}/file-{f:D3}", new string((char)('a' + i), 10 + (f * 37 % 5000)))),
        ], name: name)).ToList();

    private static Func<ApkPackage> Opener(byte[] bytes, string name) =>
        () => ApkPackageReader.Open(new MemoryStream(bytes), name + ".apk");

    private static byte[] LayerTar(FileTree tree)
    {
        using var tar = new MemoryStream();
        LayerWriter.WriteTar(tree, tar);
        return tar.ToArray();
    }

    private static FileTree NewTree()
    {
        var tree = new FileTree();
        ImageSkeleton.Create(tree, Architecture.Amd64);
        return tree;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Read_ahead_installs_the_same_tree_as_one_package_after_another(int workers)
    {
        List<byte[]> packages = Packages();
        using var temp = new TempDirectory();

        FileTree sequential = NewTree();
        using (var spill = new ContentSpill(Path.Combine(temp.Path, "a")))
        {
            var installer = new PackageInstaller(sequential, spill);
            for (int i = 0; i < packages.Count; i++)
            {
                using ApkPackage package = Opener(packages[i], Names[i])();
                installer.Install(package);
            }
        }

        FileTree ahead = NewTree();
        // A small memory budget: most bodies go to the spill file, from several threads at once.
        using var aheadSpill = new ContentSpill(Path.Combine(temp.Path, "b"), memoryBudget: 64 * 1024);
        var aheadInstaller = new PackageInstaller(ahead, aheadSpill);
        using (var prefetcher = new PackagePrefetcher(packages.Select((p, i) => Opener(p, Names[i])).ToList(), aheadSpill, workers, CancellationToken.None))
        {
            for (int i = 0; i < prefetcher.Count; i++)
            {
                (ApkPackage package, IEnumerable<PreparedEntry> entries) = prefetcher.Take(i);
                aheadInstaller.Install(package, entries, CancellationToken.None);
            }
        }
        Assert.True(aheadSpill.BytesSpilled > 0);
        Assert.Equal(Names, aheadInstaller.Installed.Select(p => p.Name));
        Assert.Equal(LayerTar(sequential), LayerTar(ahead)); // bodies read back from the spill, byte for byte
    }

    [Fact]
    public void A_package_that_fails_to_open_fails_at_its_turn_after_the_earlier_ones_installed()
    {
        List<byte[]> packages = Packages();
        byte[] damaged = packages[3].ToArray();
        damaged[^100] ^= 0xFF; // inside the data member: its SHA-256 no longer matches the datahash
        packages[3] = damaged;
        using var temp = new TempDirectory();
        FileTree tree = NewTree();
        using var spill = new ContentSpill(temp.Path);
        var installer = new PackageInstaller(tree, spill);
        var installed = new List<string>();
        ImageDslException error;
        using (var prefetcher = new PackagePrefetcher(packages.Select((p, i) => Opener(p, Names[i])).ToList(), spill, 4, CancellationToken.None))
        {
            error = Assert.Throws<ImageDslException>(() =>
            {
                for (int i = 0; i < prefetcher.Count; i++)
                {
                    (ApkPackage package, IEnumerable<PreparedEntry> entries) = prefetcher.Take(i);
                    installer.Install(package, entries, CancellationToken.None);
                    installed.Add(package.Info.Name);
                }
            });
        }
        Assert.Equal(["one", "two", "three"], installed);
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("four.apk", error.Message);
        Assert.Contains("data hash mismatch", error.Message);
    }

    [Fact]
    public void A_file_whose_checksum_is_wrong_fails_the_install_of_its_package()
    {
        List<byte[]> packages = Packages();
        packages[1] = CraftedApk.Build([CraftedApk.Entry("etc", '5'), CraftedApk.File("etc/motd", "hello\n", sha1Hex: new string('0', 40))], name: "two");
        using var temp = new TempDirectory();
        using var spill = new ContentSpill(temp.Path);
        var installer = new PackageInstaller(NewTree(), spill);
        using var prefetcher = new PackagePrefetcher(packages.Select((p, i) => Opener(p, Names[i])).ToList(), spill, 2, CancellationToken.None);
        (ApkPackage first, IEnumerable<PreparedEntry> firstEntries) = prefetcher.Take(0);
        installer.Install(first, firstEntries, CancellationToken.None);
        (ApkPackage second, IEnumerable<PreparedEntry> secondEntries) = prefetcher.Take(1);
        var error = Assert.Throws<ImageDslException>(() => installer.Install(second, secondEntries, CancellationToken.None));
        Assert.Contains("two.apk", error.Message);
        Assert.Contains("checksum mismatch for etc/motd", error.Message);
    }

    [Fact]
    public void A_large_package_is_inflated_ahead_with_the_same_bytes_and_the_same_errors()
    {
        // Over 1 MiB compressed, so its data member is inflated on a thread of its own (ReadAheadStream).
        var random = new Random(16);
        string big = new(Enumerable.Range(0, 1_600_000).Select(_ => (char)random.Next(33, 127)).ToArray());
        byte[] good = CraftedApk.Build([CraftedApk.Entry("opt", '5'), CraftedApk.File("opt/big", big), CraftedApk.File("opt/small", "small\n")], name: "big");
        byte[] bad = CraftedApk.Build([CraftedApk.Entry("opt", '5'), CraftedApk.File("opt/big", big), CraftedApk.File("opt/small", "small\n", sha1Hex: new string('0', 40))], name: "big");
        Assert.True(good.Length > 1 << 20);
        using var temp = new TempDirectory();

        FileTree sequential = NewTree();
        using var spill = new ContentSpill(Path.Combine(temp.Path, "a"));
        using (ApkPackage package = Opener(good, "big")())
        {
            new PackageInstaller(sequential, spill).Install(package);
        }
        FileTree ahead = NewTree();
        using var aheadSpill = new ContentSpill(Path.Combine(temp.Path, "b"));
        using (var prefetcher = new PackagePrefetcher([Opener(good, "big")], aheadSpill, 2, CancellationToken.None))
        {
            (ApkPackage package, IEnumerable<PreparedEntry> entries) = prefetcher.Take(0);
            new PackageInstaller(ahead, aheadSpill).Install(package, entries, CancellationToken.None);
        }
        Assert.Equal(LayerTar(sequential), LayerTar(ahead));

        using var badSpill = new ContentSpill(Path.Combine(temp.Path, "c"));
        using var badPrefetcher = new PackagePrefetcher([Opener(bad, "big")], badSpill, 2, CancellationToken.None);
        (ApkPackage badPackage, IEnumerable<PreparedEntry> badEntries) = badPrefetcher.Take(0);
        var error = Assert.Throws<ImageDslException>(() => new PackageInstaller(NewTree(), badSpill).Install(badPackage, badEntries, CancellationToken.None));
        Assert.Contains("checksum mismatch for opt/small", error.Message);
    }

    [Fact]
    public void Disposing_before_every_package_is_taken_stops_the_readers()
    {
        List<byte[]> packages = Packages();
        using var temp = new TempDirectory();
        using var spill = new ContentSpill(temp.Path);
        var prefetcher = new PackagePrefetcher(packages.Select((p, i) => Opener(p, Names[i])).ToList(), spill, 2, CancellationToken.None);
        (ApkPackage first, IEnumerable<PreparedEntry> entries) = prefetcher.Take(0);
        Assert.Equal("one", first.Info.Name);
        Assert.NotEmpty(entries.Take(3).ToList());
        prefetcher.Dispose(); // waits for the readers and closes what they opened; must not hang or throw
        prefetcher.Dispose();
    }
}
