using System.Numerics;
using System.Runtime.CompilerServices;

namespace ImageDsl.Formats.Deflate;

/// <summary>
/// A deflate (RFC 1951) encoder for one chunk of a longer stream. Matches are found through two
/// hash tables, as zlib's and libdeflate's designs do: a chained table of 4-byte hashes for long
/// matches and a single-entry table of 3-byte hashes, so the short matches zlib's level 6 finds
/// are found too (.NET's zlib-ng hashes 4 bytes below level 9 and misses them, 2-3 % larger).
/// The output depends only on the bytes given (no timing, no core count, no library version).
/// </summary>
/// <remarks>
/// Pointer code on purpose: the match search is the inner loop of every gzip layer, and bounds
/// checks there cost a third of its speed. Every read stays inside the pinned window: a search
/// reads at most <c>maxLength</c> bytes from the current position, and candidates lie before it.
/// </remarks>
internal sealed unsafe class DeflateEncoder
{
    private const int Hash4Bits = 16;
    private const int Hash3Bits = 15;
    private const int WindowMask = DeflateTables.WindowSize - 1;

    /// <summary>zlib's rule: a 3-byte match farther back than this costs more than three literals.</summary>
    private const int TooFar = 4096;

    private const int Empty = int.MinValue / 2;

    private readonly int[] _head4 = new int[1 << Hash4Bits];
    private readonly int[] _head3 = new int[1 << Hash3Bits];
    private readonly int[] _prev = new int[DeflateTables.WindowSize];
    private readonly DeflateBlockWriter _block;
    private readonly DeflateLevel _level;
    private readonly int _blockSymbols;

    private byte* _data;
    private int* _head4Ptr;
    private int* _head3Ptr;
    private int* _prevPtr;
    private int _end;
    private int _blockStart;
    private int _covered;
    private DeflateBitWriter _writer;

    /// <param name="level">Match search effort.</param>
    /// <param name="blockSymbols">Literals and matches per block at most.</param>
    public DeflateEncoder(DeflateLevel level, int blockSymbols = 1 << 15)
    {
        _level = level;
        _blockSymbols = blockSymbols;
        _block = new DeflateBlockWriter(blockSymbols);
    }

    /// <summary>
    /// The most bytes <see cref="Compress"/> writes for <paramref name="inputLength"/> bytes: no block
    /// is larger than stored, so the input plus a stored header per block and per 64 KiB, a flush or
    /// final block, and the bit writer's word of slack.
    /// </summary>
    public int MaxOutput(int inputLength) =>
        inputLength + (5 * ((inputLength / ushort.MaxValue) + (inputLength / _blockSymbols) + 2)) + 32;

    /// <summary>
    /// Deflates <c>window[start..]</c> into <paramref name="output"/> (at least
    /// <see cref="MaxOutput"/> bytes), letting matches reach back into the last 32 KiB before
    /// <paramref name="start"/>. Unless <paramref name="final"/>, the output ends with an empty
    /// stored block and no final bit, so the next chunk's output can follow it directly.
    /// Returns the bytes written.
    /// </summary>
    public int Compress(ReadOnlySpan<byte> window, int start, byte[] output, bool final)
    {
        Array.Fill(_head4, Empty);
        Array.Fill(_head3, Empty);
        _writer = new DeflateBitWriter(output);
        fixed (byte* data = window)
        fixed (int* head4 = _head4, head3 = _head3, prev = _prev)
        {
            _data = data;
            _head4Ptr = head4;
            _head3Ptr = head3;
            _prevPtr = prev;
            _end = window.Length;
            _blockStart = start;
            _covered = start;
            Skip(Math.Max(0, start - DeflateTables.WindowSize), start - Math.Max(0, start - DeflateTables.WindowSize));
            Parse(start);
            if (final)
            {
                _block.Flush(ref _writer, Covered(), final: true);
                _writer.AlignToByte();
            }
            else
            {
                if (_block.Count > 0)
                {
                    _block.Flush(ref _writer, Covered(), final: false);
                }
                DeflateBlockWriter.SyncFlush(ref _writer);
            }
            _data = null;
        }
        return _writer.Position;
    }

    private void Parse(int pos)
    {
        byte* data = _data;
        int end = _end;
        int nice = _level.NiceLength;
        bool lazy = _level.Lazy;
        while (pos < end)
        {
            int maxLength = Math.Min(end - pos, DeflateTables.MaxMatch);
            if (maxLength < 4)
            {
                Literal(data[pos++]);
                continue;
            }
            int length = FindMatch(pos, 2, maxLength, out int distance);
            pos++;
            if (length < DeflateTables.MinMatch)
            {
                Literal(data[pos - 1]);
                continue;
            }
            // The match starts at pos - 1. Before taking it (lazy levels, short of the nice length),
            // see whether one starting a byte later is longer; if so the first byte goes out as a
            // literal and the later match is weighed the same way in turn.
            while (true)
            {
                maxLength = Math.Min(end - pos, DeflateTables.MaxMatch);
                if (!lazy || length >= nice || maxLength < 4)
                {
                    Skip(pos, length - 1);
                    pos += length - 1;
                    Match(length, distance);
                    break;
                }
                int next = FindMatch(pos, length, maxLength, out int nextDistance);
                pos++;
                if (next > length)
                {
                    Literal(data[pos - 2]);
                    length = next;
                    distance = nextDistance;
                    continue;
                }
                Skip(pos, length - 2);
                pos += length - 2;
                Match(length, distance);
                break;
            }
        }
    }

    /// <summary>
    /// Records position <paramref name="pos"/> in the hash tables and returns the longest match
    /// longer than <paramref name="best"/> (and its distance), or <paramref name="best"/> itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindMatch(int pos, int best, int maxLength, out int distance)
    {
        byte* current = _data + pos;
        uint first = *(uint*)current;
        uint hash3 = ((first & 0xFFFFFF) * 0x1E35A7BDu) >> (32 - Hash3Bits);
        uint hash4 = (first * 0x1E35A7BDu) >> (32 - Hash4Bits);
        int candidate3 = _head3Ptr[hash3];
        _head3Ptr[hash3] = pos;
        int candidate = _head4Ptr[hash4];
        _head4Ptr[hash4] = pos;
        _prevPtr[pos & WindowMask] = candidate;
        distance = 0;
        if (best >= maxLength)
        {
            return best;
        }
        int cutoff = pos - DeflateTables.WindowSize;
        if (best < DeflateTables.MinMatch && candidate3 >= cutoff && pos - candidate3 <= TooFar
            && ((*(uint*)(_data + candidate3) ^ first) & 0xFFFFFF) == 0)
        {
            best = DeflateTables.MinMatch;
            distance = pos - candidate3;
        }
        int nice = _level.NiceLength;
        for (int depth = _level.Depth; depth > 0 && candidate >= cutoff; depth--)
        {
            byte* earlier = _data + candidate;
            // The four bytes ending at the length to beat first: most candidates fail there.
            int tail = best < 4 ? 0 : best - 3;
            if (*(uint*)(earlier + tail) == *(uint*)(current + tail) && *(uint*)earlier == first)
            {
                int length = MatchLength(earlier, current, maxLength);
                if (length > best)
                {
                    best = length;
                    distance = pos - candidate;
                    if (length >= nice)
                    {
                        break;
                    }
                }
            }
            candidate = _prevPtr[candidate & WindowMask];
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(byte* earlier, byte* current, int maxLength)
    {
        int length = 4;
        while (length + 8 <= maxLength)
        {
            ulong difference = *(ulong*)(earlier + length) ^ *(ulong*)(current + length);
            if (difference != 0)
            {
                return length + (BitOperations.TrailingZeroCount(difference) >> 3);
            }
            length += 8;
        }
        while (length < maxLength && earlier[length] == current[length])
        {
            length++;
        }
        return length;
    }

    /// <summary>Records <paramref name="count"/> positions from <paramref name="pos"/> in the hash tables.</summary>
    private void Skip(int pos, int count)
    {
        int last = Math.Min(pos + count, _end - 3);
        for (; pos < last; pos++)
        {
            uint first = *(uint*)(_data + pos);
            uint hash3 = ((first & 0xFFFFFF) * 0x1E35A7BDu) >> (32 - Hash3Bits);
            uint hash4 = (first * 0x1E35A7BDu) >> (32 - Hash4Bits);
            _head3Ptr[hash3] = pos;
            _prevPtr[pos & WindowMask] = _head4Ptr[hash4];
            _head4Ptr[hash4] = pos;
        }
    }

    private void Literal(byte value)
    {
        _block.Literal(value);
        _covered++;
        if (_block.IsFull)
        {
            FlushBlock();
        }
    }

    private void Match(int length, int distance)
    {
        _block.Match(length, distance);
        _covered += length;
        if (_block.IsFull)
        {
            FlushBlock();
        }
    }

    private void FlushBlock()
    {
        _block.Flush(ref _writer, Covered(), final: false);
        _blockStart = _covered;
    }

    private ReadOnlySpan<byte> Covered() => new(_data + _blockStart, _covered - _blockStart);
}
