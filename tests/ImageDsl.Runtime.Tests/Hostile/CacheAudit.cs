using ImageDsl.Apk.Index;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Hostile;

/// <summary>Checks every file of a package cache: no leftovers, every package and index intact.</summary>
internal static class CacheAudit
{
    /// <summary>
    /// Problems found in <paramref name="cacheDirectory"/>: temporary files, packages that do not match
    /// the index of <paramref name="repositoryArchFolder"/>, indexes that do not verify with <paramref name="keyFile"/>.
    /// </summary>
    public static List<string> Problems(string cacheDirectory, string repositoryArchFolder, string keyFile)
    {
        var problems = new List<string>();
        var keyring = new Keyring([ApkPublicKey.FromFile(keyFile)]);
        var checksums = ApkIndexWriter.ScanDirectory(repositoryArchFolder)
            .ToDictionary(e => e.Info.NameVersion, e => e.ControlChecksum, StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(cacheDirectory, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (new FileInfo(file).LinkTarget is not null)
            {
                problems.Add($"{file}: a symlink in the cache");
            }
            else if (name.StartsWith(".tmp-", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                problems.Add($"{file}: a temporary file was left behind");
            }
            else if (name.EndsWith(".apk", StringComparison.Ordinal))
            {
                try
                {
                    string nameVersion = name[..name.IndexOf('.', name.IndexOf("-r", StringComparison.Ordinal))];
                    using ApkPackage package = ApkPackageReader.Open(file, new ApkPackageReaderOptions
                    {
                        ExpectedControlChecksum = checksums[nameVersion],
                        Keyring = keyring,
                    });
                    foreach (ApkDataEntry entry in package.ReadData())
                    {
                        if (entry.Type == ApkEntryType.RegularFile)
                        {
                            entry.CopyContentTo(Stream.Null);
                        }
                    }
                }
                catch (Exception e)
                {
                    problems.Add($"{file}: {e.Message}");
                }
            }
            else if (name.EndsWith(".data", StringComparison.Ordinal))
            {
                try
                {
                    ApkIndex.Read(File.ReadAllBytes(file), ApkRepository.Parse("http://cache.audit/repo"), HostileRepository.Arch, file, keyring);
                }
                catch (Exception e)
                {
                    problems.Add($"{file}: {e.Message}");
                }
            }
        }
        return problems;
    }
}
