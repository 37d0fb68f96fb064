using System.Security.Cryptography;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using Microsoft.Win32.SafeHandles;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Opens .apk files: splits them into [signature], control and data members, and verifies the chain
/// index `C:` → control SHA-1 → `.PKGINFO datahash` → data SHA-256, plus the package's own signatures
/// by trusted keys. Per-file SHA-1s are checked as <see cref="ApkPackage.ReadData"/> streams the data.
/// </summary>
public static class ApkPackageReader
{
    /// <summary>Opens and verifies the package at <paramref name="path"/>.</summary>
    /// <param name="path">The .apk file.</param>
    /// <param name="options">What to check; null = defaults (no expected checksum, no keyring).</param>
    /// <param name="source">How errors name the package's origin (e.g. its URL); default the path.</param>
    /// <exception cref="ImageDslException">Integrity errors name the package, the source and both hashes.</exception>
    public static ApkPackage Open(string path, ApkPackageReaderOptions? options = null, string? source = null)
    {
        options ??= new ApkPackageReaderOptions();
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"cannot open package {path}: {e.Message}",
                "Check that the file exists and is readable.", e);
        }
        try
        {
            using var stream = new HandleReadStream(handle, 0);
            ApkPackageParts parts = Verify(stream, source ?? path, options);
            return new ApkPackage(parts, () => new HandleReadStream(handle, parts.DataRange.Offset), handle, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens and verifies a package held in a seekable stream (which the package then reads from).</summary>
    /// <param name="stream">The whole .apk; must be seekable.</param>
    /// <param name="source">How errors name the package (a URL or file name).</param>
    /// <param name="options">What to check.</param>
    /// <param name="leaveOpen">When false, disposing the package disposes the stream.</param>
    public static ApkPackage Open(Stream stream, string source, ApkPackageReaderOptions? options = null, bool leaveOpen = false)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("the package stream must be readable and seekable", nameof(stream));
        }
        options ??= new ApkPackageReaderOptions();
        ApkPackageParts parts;
        lock (stream)
        {
            parts = Verify(stream, source, options);
        }
        return new ApkPackage(parts, () => new OffsetReadStream(stream, parts.DataRange.Offset), leaveOpen ? null : stream, options);
    }

    private static ApkPackageParts Verify(Stream stream, string source, ApkPackageReaderOptions options)
    {
        var errors = new PackageErrors(source, options);
        long length = stream.Length;
        GzipMember first = errors.Run(() => GzipMemberReader.Read(stream, 0, options.MaxControlSize, source));
        GzipMember? signature = null;
        GzipMember control = first;
        if (SignatureEntry.LooksLikeSignatureMember(first.Content))
        {
            signature = first;
            if (first.End >= length)
            {
                throw errors.Integrity("it ends after the signature member (no control or data member; truncated?)");
            }
            control = errors.Run(() => GzipMemberReader.Read(stream, first.End, options.MaxControlSize, source));
        }
        byte[] controlBytes = ReadRange(stream, control.Start, control.Length);
        byte[] controlSha1 = SHA1.HashData(controlBytes);
        CheckControlChecksum(controlSha1, options, errors);

        (PackageInfo info, IReadOnlyList<ControlFile> files) = errors.Run(() => ReadControl(control, source, errors));
        errors.Info = info;
        if (options.ExpectedName is not null && (info.Name != options.ExpectedName
            || (options.ExpectedVersion is not null && info.Version != options.ExpectedVersion)))
        {
            throw errors.Integrity($"the file holds {info.NameVersion}, not the package asked for");
        }

        IReadOnlyList<SignatureEntry> signatures = signature is null ? [] : errors.Run(() => SignatureEntry.ParseMember(signature.Content, source));
        (PackageSignatureStatus status, string? verifiedBy) =
            PackageSignatureCheck.Check(signature is not null, signatures, controlBytes, options, errors);

        long dataStart = control.End;
        if (dataStart >= length)
        {
            throw errors.Integrity("it has no data member (truncated?)");
        }
        byte[] dataSha256 = HashRange(stream, dataStart, length - dataStart);
        if (info.DataHash is null)
        {
            throw errors.Integrity("its .PKGINFO has no datahash, so its files cannot be verified");
        }
        string actual = Convert.ToHexStringLower(dataSha256);
        if (!string.Equals(info.DataHash, actual, StringComparison.Ordinal))
        {
            throw errors.Integrity($"data hash mismatch: .PKGINFO datahash is {info.DataHash}, the data member hashes to {actual}");
        }

        return new ApkPackageParts(
            source, info, controlSha1, dataSha256,
            signature is null ? null : SHA1.HashData(ReadRange(stream, signature.Start, signature.Length)),
            signatures, status, verifiedBy, files,
            signature is null ? null : new ApkMemberRange(signature.Start, signature.Length),
            new ApkMemberRange(control.Start, control.Length),
            new ApkMemberRange(dataStart, length - dataStart));
    }

    private static void CheckControlChecksum(byte[] controlSha1, ApkPackageReaderOptions options, PackageErrors errors)
    {
        if (options.ExpectedControlChecksum is not { } expected)
        {
            return;
        }
        if (!ApkChecksum.TryParseQ1(expected, out byte[] expectedSha1))
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"package {errors.Label}: the expected control checksum '{expected}' is not a Q1 (base64 SHA-1) checksum",
                "Only Q1 checksums are supported, as in apko; regenerate the index with a current apk or melange.");
        }
        if (!CryptographicOperations.FixedTimeEquals(expectedSha1, controlSha1))
        {
            throw errors.Integrity(
                $"control hash mismatch: the index says {expected}, the file's control member hashes to {ApkChecksum.ToQ1(controlSha1)}",
                "The file is not the package the index describes (corrupt download, stale cache, or tampering). Delete it and fetch it again.");
        }
    }

    private static (PackageInfo, IReadOnlyList<ControlFile>) ReadControl(GzipMember control, string source, PackageErrors errors)
    {
        PackageInfo? info = null;
        var files = new List<ControlFile>();
        foreach (SmallTarEntry entry in SmallTarReader.Read(control.Content, source))
        {
            if (entry.TypeFlag is not ('0' or '7'))
            {
                continue; // control members hold only files; anything else carries nothing apk uses
            }
            string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (name == ".PKGINFO")
            {
                info = PackageInfoText.Parse(System.Text.Encoding.UTF8.GetString(entry.Content), source);
            }
            else
            {
                files.Add(new ControlFile(name, entry.Mode & 0xFFF, entry.Content));
            }
        }
        return info is null
            ? throw errors.Integrity("its control member has no .PKGINFO (is it an .apk? are its members out of order?)")
            : (info, files);
    }

    private static byte[] ReadRange(Stream stream, long start, long length)
    {
        byte[] bytes = new byte[length];
        stream.Position = start;
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static byte[] HashRange(Stream stream, long start, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        stream.Position = start;
        long left = length;
        while (left > 0)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new EndOfStreamException();
            }
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        return hash.GetHashAndReset();
    }
}
