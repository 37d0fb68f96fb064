using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// APKINDEX: mode 0 = APKINDEX.tar.gz read without a keyring (signature member located, archive
/// and text parsed); mode 1 = the same with a keyring (signature verification); mode 2 = plain
/// APKINDEX text.
/// </summary>
internal sealed class ApkIndexTarget : FuzzTarget
{
    private static readonly ApkRepository Repository = ApkRepository.Parse("https://fuzz.invalid/repo");

    private static readonly Keyring Keys = new([ApkPublicKey.FromPem("fuzz.rsa.pub", FuzzKeys.PublicPem, "fuzz")]);

    public override string Name => "apkindex";

    public override string Description => "byte 0 % 4: 0 = APKINDEX.tar.gz unverified, 1 = verified with a test key, 2 = APKINDEX text, 3 = text + resolve";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 4);
        ApkIndex index = mode switch
        {
            0 => ApkIndex.Read(payload, Repository, "x86_64", "fuzz/APKINDEX.tar.gz", keyring: null, maxDecompressedSize: 16 << 20),
            1 => ApkIndex.Read(payload, Repository, "x86_64", "fuzz/APKINDEX.tar.gz", Keys, maxDecompressedSize: 16 << 20),
            _ => ApkIndex.ParseText(new MemoryStream(payload), Repository, "x86_64", "fuzz/APKINDEX"),
        };
        foreach (PackageRecord record in index.Packages)
        {
            // What the solver and the fetcher read from every record.
            _ = record.ToString();
            _ = record.PackageUrl;
            _ = record.ChecksumText;
            _ = record.ParsedVersion;
        }
        if (mode == 3)
        {
            var resolver = new Resolver("x86_64", [index]);
            _ = resolver.Resolve(index.Packages.Select(p => p.Name).Distinct().Take(3).ToList()).Packages.Count;
        }
    }
}
