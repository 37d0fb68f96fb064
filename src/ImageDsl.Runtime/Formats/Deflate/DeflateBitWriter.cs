using System.Buffers.Binary;

namespace ImageDsl.Formats.Deflate;

/// <summary>
/// Packs bits least-significant first into a byte array, 32 bits at a time. The array needs 8
/// bytes of slack past the last byte written (the word store may run over the final length).
/// </summary>
internal struct DeflateBitWriter(byte[] output)
{
    private ulong _bits;
    private int _count;

    /// <summary>Whole bytes written so far.</summary>
    public int Position { get; private set; }

    /// <summary>The array written to.</summary>
    public readonly byte[] Output => output;

    /// <summary>Bits written so far, including those not yet in a whole byte.</summary>
    public readonly long BitPosition => (8L * Position) + _count;

    /// <summary>Adds the low <paramref name="count"/> bits of <paramref name="value"/> (count at most 32).</summary>
    public void Write(uint value, int count)
    {
        _bits |= (ulong)value << _count;
        _count += count;
        if (_count >= 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(Position), (uint)_bits);
            Position += 4;
            _bits >>= 32;
            _count -= 32;
        }
    }

    /// <summary>Pads with zero bits to a byte boundary and writes out every pending byte.</summary>
    public void AlignToByte()
    {
        while (_count > 0)
        {
            output[Position++] = (byte)_bits;
            _bits >>= 8;
            _count = Math.Max(0, _count - 8);
        }
        _bits = 0;
    }

    /// <summary>Copies bytes at a byte boundary (call <see cref="AlignToByte"/> first).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.AsSpan(Position));
        Position += bytes.Length;
    }
}
