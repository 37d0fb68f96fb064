using System.Buffers;
using System.Buffers.Text;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Index;

/// <summary>
/// Parses the plain APKINDEX text: blank-line separated records of `X:value` lines. Streams over the
/// input in chunks, slices lines as byte spans and pools repeated strings, so a 5,000-package index
/// costs little more than its records.
/// </summary>
internal sealed class ApkIndexTextParser
{
    /// <summary>apko's scanner refuses lines over 1 MiB; so do we.</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly ApkRepository _repository;
    private readonly string _arch;
    private readonly string _what;
    private readonly StringPool _pool = new();
    private readonly List<PackageRecord> _records = new();
    private readonly RecordBuilder _current = new();
    private int _lineNumber;

    private ApkIndexTextParser(ApkRepository repository, string arch, string what)
    {
        _repository = repository;
        _arch = arch;
        _what = what;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names the index in errors.</summary>
    public static List<PackageRecord> Parse(Stream text, ApkRepository repository, string arch, string what)
    {
        var parser = new ApkIndexTextParser(repository, arch, what);
        parser.Run(text);
        return parser._records;
    }

    private void Run(Stream text)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int start = 0, end = 0;
            bool eof = false;
            while (true)
            {
                int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    Line(buffer.AsSpan(start, newline));
                    start += newline + 1;
                    continue;
                }
                if (eof)
                {
                    if (end > start)
                    {
                        Line(buffer.AsSpan(start, end - start));
                    }
                    break;
                }
                if (end - start > MaxLineLength)
                {
                    throw Error($"line {_lineNumber + 1} is longer than {MaxLineLength} bytes");
                }
                // Move the partial line to the front, growing the buffer when one line fills it.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int n = text.Read(buffer, end, buffer.Length - end);
                if (n == 0)
                {
                    eof = true;
                }
                end += n;
            }
            // apko drops a last record that no blank line ends; we keep it.
            Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (line.IsEmpty)
        {
            Flush();
            return;
        }
        if (line.Length < 2)
        {
            throw Error($"cannot parse line {_lineNumber}: expected len >= 2, saw \"{StringPool.Decode(line)}\"");
        }
        if (line[1] != (byte)':')
        {
            throw Error($"cannot parse line {_lineNumber}: expected \":\" not found");
        }
        ReadOnlySpan<byte> value = line[2..];
        RecordBuilder r = _current;
        switch ((char)line[0])
        {
            case 'P': r.Name = _pool.Intern(value); break;
            case 'V': r.Version = _pool.Intern(value); break;
            case 'A': r.Arch = _pool.Intern(value); break;
            case 'L': r.License = _pool.Intern(value); break;
            case 'T': r.Description = StringPool.Decode(value); break;
            case 'o': r.Origin = _pool.Intern(value); break;
            case 'm': r.Maintainer = _pool.Intern(value); break;
            case 'U': r.Url = _pool.Intern(value); break;
            case 'c': r.Commit = _pool.Intern(value); break;
            // apk reads each of these lines as more entries of the same list, so repeated lines accumulate.
            case 'D': r.Dependencies = Append(r.Dependencies, Constraints(value)); break;
            case 'p': r.Provides = Append(r.Provides, Constraints(value)); break;
            case 'i': r.InstallIf = Append(r.InstallIf, Constraints(value)); break;
            case 'r': r.Replaces = Append(r.Replaces, Strings(value)); break;
            case 't': r.BuildTime = Number(value, "build time"); break;
            case 'S': r.Size = Number(value, "size"); break;
            case 'I': r.InstalledSize = Number(value, "installed size"); break;
            case 'k': r.ProviderPriority = Number(value, "provider priority"); break;
            case 'C': r.Checksum = Checksum(value); break;
            default: break; // unknown letters are ignorable, as in apk
        }
    }

    private void Flush()
    {
        RecordBuilder r = _current;
        if (r.Name.Length > 0)
        {
            IndexRecordValidator.Check(r.Name, r.Version, _what, _lineNumber);
            _records.Add(new PackageRecord
            {
                Name = r.Name,
                Version = r.Version,
                Arch = r.Arch,
                Size = r.Size,
                InstalledSize = r.InstalledSize,
                Description = r.Description,
                Url = r.Url,
                License = r.License,
                Origin = r.Origin,
                Maintainer = r.Maintainer,
                BuildTime = r.BuildTime,
                Commit = r.Commit,
                Dependencies = r.Dependencies,
                Provides = r.Provides,
                InstallIf = r.InstallIf,
                Replaces = r.Replaces,
                ProviderPriority = r.ProviderPriority,
                Checksum = r.Checksum,
                Repository = _repository,
                RepositoryArch = _arch,
            });
        }
        r.Reset();
    }

    private PackageConstraint[] Constraints(ReadOnlySpan<byte> value)
    {
        int count = CountFields(value);
        if (count == 0)
        {
            return [];
        }
        var result = new PackageConstraint[count];
        int i = 0;
        foreach (Range range in value.Split((byte)' '))
        {
            if (range.GetOffsetAndLength(value.Length).Length > 0)
            {
                result[i++] = _pool.Constraint(value[range]);
            }
        }
        return result;
    }

    private static T[] Append<T>(T[] existing, T[] more) => existing.Length == 0 ? more : more.Length == 0 ? existing : [.. existing, .. more];

    private string[] Strings(ReadOnlySpan<byte> value)
    {
        var result = new string[CountFields(value)];
        int i = 0;
        foreach (Range range in value.Split((byte)' '))
        {
            if (range.GetOffsetAndLength(value.Length).Length > 0)
            {
                result[i++] = _pool.Intern(value[range]);
            }
        }
        return result;
    }

    /// <summary>Counts space-separated fields; apko's plain split would turn double spaces into empty names, which we skip.</summary>
    private static int CountFields(ReadOnlySpan<byte> value)
    {
        int count = 0;
        bool inField = false;
        foreach (byte b in value)
        {
            if (b == (byte)' ')
            {
                inField = false;
            }
            else if (!inField)
            {
                inField = true;
                count++;
            }
        }
        return count;
    }

    private long Number(ReadOnlySpan<byte> value, string field)
    {
        if (Utf8Parser.TryParse(value, out long n, out int consumed) && consumed == value.Length && n >= 0)
        {
            return n;
        }
        throw Error($"line {_lineNumber}: cannot parse {field} field \"{StringPool.Decode(value)}\"");
    }

    private byte[]? Checksum(ReadOnlySpan<byte> value)
    {
        // Only `Q1` + base64(SHA-1) is understood; other checksum kinds are ignored, as apko does.
        if (value.Length < 2 || value[0] != (byte)'Q' || value[1] != (byte)'1')
        {
            return null;
        }
        ReadOnlySpan<byte> encoded = value[2..];
        if (encoded.Length > 1024)
        {
            throw Error($"line {_lineNumber}: checksum \"{StringPool.Decode(value)}\" is not valid base64");
        }
        Span<byte> canonical = stackalloc byte[encoded.Length];
        encoded.CopyTo(canonical);
        ClearPaddingBits(canonical);
        Span<byte> decoded = stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (Base64.DecodeFromUtf8(canonical, decoded, out _, out int written) != OperationStatus.Done)
        {
            throw Error($"line {_lineNumber}: checksum \"{StringPool.Decode(value)}\" is not valid base64");
        }
        return decoded[..written].ToArray();
    }

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>
    /// Zeroes the unused low bits of the last character before `=` padding (`...F=` becomes `...E=`).
    /// apk and Go's default decoder ignore those bits; .NET's decoder refuses them, which would make a
    /// whole index unreadable over one sloppily encoded checksum.
    /// </summary>
    private static void ClearPaddingBits(Span<byte> base64)
    {
        int padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        if (padding == 0 || base64.Length < padding + 1)
        {
            return;
        }
        int last = base64.Length - padding - 1;
        int index = Base64Alphabet.IndexOf((char)base64[last]);
        if (index < 0)
        {
            return; // not base64 at all; the decoder reports it
        }
        int unusedBits = padding == 1 ? 0b11 : 0b1111;
        base64[last] = (byte)Base64Alphabet[index & ~unusedBits];
    }

    private ImageDslException Error(string message) =>
        new(ErrorKind.Integrity, $"{_what}: APKINDEX {message}",
            "The index is malformed; regenerate it (`dotnet image index`) or report it to the repository's maintainers.");

    private sealed class RecordBuilder
    {
        public string Name = "", Version = "", Arch = "", License = "", Description = "", Origin = "", Maintainer = "", Url = "", Commit = "";
        public long Size, InstalledSize, ProviderPriority;
        public long? BuildTime;
        public byte[]? Checksum;
        public PackageConstraint[] Dependencies = [], Provides = [], InstallIf = [];
        public string[] Replaces = [];

        public void Reset()
        {
            Name = Version = Arch = License = Description = Origin = Maintainer = Url = Commit = "";
            Size = InstalledSize = ProviderPriority = 0;
            BuildTime = null;
            Checksum = null;
            Dependencies = Provides = InstallIf = [];
            Replaces = [];
        }
    }
}
