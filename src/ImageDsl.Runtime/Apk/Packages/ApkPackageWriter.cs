using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Writes .apk files as abuild lays them out: [signature member] + control member + data member, each
/// its own gzip member. The data tar is PAX with an `APK-TOOLS.checksum.SHA1` record per regular file
/// and symlink, entries sorted with their parent directories, every mtime = the build date, and
/// nothing from the host (no pid, user, clock), so the same inputs give the same bytes.
/// </summary>
public static class ApkPackageWriter
{
    /// <summary>Writes the package to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static ApkWriteResult WriteFile(string path, PackageInfo info, IEnumerable<PackEntry> entries,
        ApkPrivateKey? signingKey = null, IEnumerable<ControlFile>? controlFiles = null) =>
        WriteFile(path, info, entries, signingKey, controlFiles, storeSignature: false);

    /// <summary>
    /// As <see cref="WriteFile(string, PackageInfo, IEnumerable{PackEntry}, ApkPrivateKey?, IEnumerable{ControlFile}?)"/>;
    /// with <paramref name="storeSignature"/> the signature member is stored, not deflated, so the
    /// package's size does not depend on the signature's bytes (a key made for one build signs
    /// differently each time, and the size is recorded in the apk database).
    /// </summary>
    internal static ApkWriteResult WriteFile(string path, PackageInfo info, IEnumerable<PackEntry> entries,
        ApkPrivateKey? signingKey, IEnumerable<ControlFile>? controlFiles, bool storeSignature)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ApkWriteResult result;
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                result = Write(output, info, entries, signingKey, controlFiles, storeSignature);
            }
            File.Move(temp, full, overwrite: true);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write package {full}: {e.Message}",
                "Check that the output folder is writable and has space.", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the package to <paramref name="output"/>.</summary>
    /// <param name="output">Where the .apk bytes go.</param>
    /// <param name="info">Name, version, arch, dependencies...; `size` and `datahash` are computed.</param>
    /// <param name="entries">The files; missing parent directories are added (0755).</param>
    /// <param name="signingKey">Signs the control member (`.SIGN.RSA256.&lt;key&gt;.rsa.pub`); null = unsigned.</param>
    /// <param name="controlFiles">Scripts (`.post-install`...) to put beside `.PKGINFO`.</param>
    public static ApkWriteResult Write(Stream output, PackageInfo info, IEnumerable<PackEntry> entries,
        ApkPrivateKey? signingKey = null, IEnumerable<ControlFile>? controlFiles = null) =>
        Write(output, info, entries, signingKey, controlFiles, storeSignature: false);

    private static ApkWriteResult Write(Stream output, PackageInfo info, IEnumerable<PackEntry> entries,
        ApkPrivateKey? signingKey, IEnumerable<ControlFile>? controlFiles, bool storeSignature)
    {
        PackageInfoValidator.Validate(info);
        if (info.BuildDate < 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"build date {info.BuildDate} is negative", "Give Unix seconds, e.g. $SOURCE_DATE_EPOCH.");
        }
        IReadOnlyList<PackEntry> sorted = PackEntryList.Prepare(entries);
        using var data = new FileStream(Path.Combine(Path.GetTempPath(), $"imagedsl-pack-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        long installedSize = DataTarWriter.Write(data, sorted, info.BuildDate);
        data.Position = 0;
        string dataHash = Convert.ToHexStringLower(SHA256.HashData(data));

        PackageInfo final = info with { InstalledSize = installedSize, DataHash = dataHash };
        byte[] control = GzipMemberWriter.Compress(ControlTar(final, controlFiles ?? []));
        byte[] controlSha1 = SHA1.HashData(control);

        long size = 0;
        if (signingKey is not null)
        {
            byte[] signature = GzipMemberWriter.Compress(SignatureTar(signingKey, control, info.BuildDate),
                storeSignature ? System.IO.Compression.CompressionLevel.NoCompression : System.IO.Compression.CompressionLevel.Optimal);
            output.Write(signature);
            size += signature.Length;
        }
        output.Write(control);
        data.Position = 0;
        data.CopyTo(output);
        size += control.Length + data.Length;
        return new ApkWriteResult(final, ApkChecksum.ToQ1(controlSha1), size, signingKey?.PublicKeyName);
    }

    /// <summary>The signature tar: one `.SIGN.RSA256.&lt;key&gt;` entry, cut without end blocks.</summary>
    internal static byte[] SignatureTar(ApkPrivateKey key, byte[] signedMember, long mtime)
    {
        byte[] signature = key.SignSha256(signedMember);
        var tar = new MemoryStream();
        AbuildTar.Writer(tar).WriteEntry(AbuildTar.Entry($".SIGN.RSA256.{key.PublicKeyName}", '0') with
        {
            ModificationTime = mtime,
            Size = signature.Length,
        }, new MemoryStream(signature));
        return tar.ToArray();
    }

    private static byte[] ControlTar(PackageInfo info, IEnumerable<ControlFile> files)
    {
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        byte[] pkginfo = Encoding.UTF8.GetBytes(PackageInfoText.Format(info));
        builder.WriteEntry(AbuildTar.Entry(".PKGINFO", '0') with { ModificationTime = info.BuildDate, Size = pkginfo.Length }, new MemoryStream(pkginfo));
        foreach (ControlFile file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!file.Name.StartsWith('.') || file.Name.Contains('/') || file.Name == ".PKGINFO" || file.Name.StartsWith(".SIGN.", StringComparison.Ordinal))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"control file name '{file.Name}' is not allowed",
                    "Control files are named like .post-install, .pre-install or .trigger.");
            }
            builder.WriteEntry(AbuildTar.Entry(file.Name, '0') with { Mode = (UnixFileMode)(file.Mode), ModificationTime = info.BuildDate, Size = file.Content.Length },
                new MemoryStream(file.Content));
        }
        return tar.ToArray(); // cut: no end-of-archive blocks, so the members concatenate into one tar stream
    }
}
