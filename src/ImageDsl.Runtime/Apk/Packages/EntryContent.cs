using System.Security.Cryptography;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// The content of the current regular file. It hashes what is read, and compares the SHA-1 with the
/// package's record at the end, whether the caller reads it or the reader skips it. With no
/// <paramref name="verify"/> nothing is hashed: the whole tar was proven to be one already checked
/// file by file (an expanded-cache entry, hashed whole and authenticated before use).
/// </summary>
internal sealed class EntryContent(StreamingTarReader reader, Func<byte[], Exception?>? verify, Func<Exception, Exception> wrap)
{
    private readonly IncrementalHash? _sha1 = verify is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private bool _opened;
    private bool _finished;
    private bool _retired;

    public Stream Open()
    {
        if (_retired)
        {
            throw new InvalidOperationException("the enumeration has moved past this entry; read content before moving to the next entry");
        }
        if (_opened)
        {
            throw new InvalidOperationException("the content of an entry can be opened only once");
        }
        _opened = true;
        return new ContentStream(this);
    }

    /// <summary>Reads whatever the caller left, verifies, and makes the entry unreadable.</summary>
    public void Retire()
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (Read(scratch) > 0)
        {
        }
        _retired = true;
        _sha1?.Dispose();
    }

    private int Read(Span<byte> buffer)
    {
        if (_retired)
        {
            throw new InvalidOperationException("the enumeration has moved past this entry");
        }
        if (_finished || buffer.IsEmpty)
        {
            return 0;
        }
        int n;
        try
        {
            n = reader.ReadContent(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw wrap(e);
        }
        if (n > 0)
        {
            _sha1?.AppendData(buffer[..n]);
            return n;
        }
        _finished = true;
        Exception? mismatch = _sha1 is null ? null : verify!(_sha1.GetHashAndReset());
        if (mismatch is not null)
        {
            throw mismatch;
        }
        return 0;
    }

    private sealed class ContentStream(EntryContent owner) : ReadOnlyStreamBase
    {
        public override int Read(Span<byte> buffer) => owner.Read(buffer);
    }
}
