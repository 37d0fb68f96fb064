using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Assembling.Certificates;

/// <summary>
/// The JKS truststore Java reads (`/etc/ssl/certs/java/cacerts`): read its entries, add trusted
/// certificates, write it back with the integrity digest keyed by the store password. Private-key
/// entries are carried over untouched.
/// </summary>
public sealed class JavaKeyStore
{
    /// <summary>The password Java installs use for cacerts.</summary>
    public const string DefaultPassword = "changeit";

    private const uint Magic = 0xFEEDFEED;
    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private abstract record Entry(long Timestamp);

    private sealed record TrustedCertificate(long Timestamp, string Type, byte[] Der) : Entry(Timestamp);

    private sealed record OtherEntry(long Timestamp, int Tag, byte[] Body) : Entry(Timestamp);

    /// <summary>The aliases in the store, in the order they are written.</summary>
    public IEnumerable<string> Aliases => _entries.Keys;

    /// <summary>True when <paramref name="bytes"/> start with the JKS magic number.</summary>
    public static bool IsJks(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(bytes) == Magic;

    /// <summary>Parses a JKS store and checks its digest with <paramref name="password"/>.</summary>
    public static JavaKeyStore Read(byte[] bytes, string path, string password = DefaultPassword)
    {
        var store = new JavaKeyStore();
        var reader = new Reader(bytes, path);
        if (reader.UInt32() != Magic || reader.Int32() is not (1 or 2))
        {
            throw reader.Corrupt("not a JKS keystore");
        }
        int count = reader.Int32();
        for (int i = 0; i < count; i++)
        {
            int tag = reader.Int32();
            string alias = reader.Utf();
            long timestamp = reader.Int64();
            if (tag == 2)
            {
                store._entries[alias] = new TrustedCertificate(timestamp, reader.Utf(), reader.Bytes(reader.Int32()));
                continue;
            }
            int start = reader.Position;
            reader.Skip(reader.Int32()); // protected private key
            int chain = reader.Int32();
            for (int c = 0; c < chain; c++)
            {
                reader.Utf();
                reader.Skip(reader.Int32());
            }
            store._entries[alias] = new OtherEntry(timestamp, tag, bytes[start..reader.Position]);
        }
        byte[] expected = Digest(bytes.AsSpan(0, reader.Position), password);
        if (!reader.Bytes(20).AsSpan().SequenceEqual(expected))
        {
            throw reader.Corrupt("its integrity digest does not match (tampered, or not the 'changeit' password)");
        }
        return store;
    }

    /// <summary>Adds (or replaces) a trusted X.509 certificate.</summary>
    public void AddTrusted(string alias, byte[] der, DateTimeOffset timestamp) =>
        _entries[alias] = new TrustedCertificate(timestamp.ToUnixTimeMilliseconds(), "X.509", der);

    /// <summary>Serialises the store (entries in alias order) with its digest.</summary>
    public byte[] ToBytes(string password = DefaultPassword)
    {
        var body = new MemoryStream();
        WriteInt(body, unchecked((int)Magic));
        WriteInt(body, 2);
        WriteInt(body, _entries.Count);
        foreach (var (alias, entry) in _entries)
        {
            switch (entry)
            {
                case TrustedCertificate cert:
                    WriteInt(body, 2);
                    WriteUtf(body, alias);
                    WriteLong(body, cert.Timestamp);
                    WriteUtf(body, cert.Type);
                    WriteInt(body, cert.Der.Length);
                    body.Write(cert.Der);
                    break;
                case OtherEntry other:
                    WriteInt(body, other.Tag);
                    WriteUtf(body, alias);
                    WriteLong(body, other.Timestamp);
                    body.Write(other.Body);
                    break;
            }
        }
        byte[] content = body.ToArray();
        return [.. content, .. Digest(content, password)];
    }

    /// <summary>SHA-1 over the password as UTF-16BE, the salt Java uses, and the store body.</summary>
    private static byte[] Digest(ReadOnlySpan<byte> body, string password)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(Encoding.BigEndianUnicode.GetBytes(password));
        sha.AppendData("Mighty Aphrodite"u8);
        sha.AppendData(body);
        return sha.GetHashAndReset();
    }

    private static void WriteInt(Stream s, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        s.Write(b);
    }

    private static void WriteLong(Stream s, long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        s.Write(b);
    }

    private static void WriteUtf(Stream s, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value); // aliases and "X.509" are ASCII: modified UTF-8 = UTF-8
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
        s.Write(length);
        s.Write(bytes);
    }

    private sealed class Reader(byte[] bytes, string path)
    {
        public int Position { get; private set; }

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Bytes(4));
        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));
        public string Utf() => Encoding.UTF8.GetString(Bytes(BinaryPrimitives.ReadUInt16BigEndian(Bytes(2))));
        public void Skip(int count) => Bytes(count);

        public byte[] Bytes(int count)
        {
            if (count < 0 || Position + count > bytes.Length)
            {
                throw Corrupt("it is truncated");
            }
            byte[] result = bytes[Position..(Position + count)];
            Position += count;
            return result;
        }

        public ImageDslException Corrupt(string why) =>
            new(ErrorKind.Build, $"/{path} is not a usable Java truststore: {why}",
                "The package that ships it is broken; remove it, or remove `certificates:`.");
    }
}
