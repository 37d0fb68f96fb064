using System.Text;
using ImageDsl.Assembling.LdSoCache;

namespace ImageDsl.Tests.LdSoCache;

public class LibraryNameComparerTests
{
    [Theory]
    [InlineData("libfoo.so.10", "libfoo.so.9", 1)]
    [InlineData("libfoo.so.1.10", "libfoo.so.1.9", 1)]
    [InlineData("libfoo.so.007", "libfoo.so.7", 0)]
    [InlineData("libfoo.so.1", "libfoo.so", 1)]
    [InlineData("libz2.so", "libz.so", 1)]
    [InlineData("libz.so", "libz2.so", -1)]
    [InlineData("libb.so", "liba.so", 1)]
    [InlineData("ld-linux.so.2", "libc.so.6", -1)]
    [InlineData("libc.so.6", "libc.so.6", 0)]
    [InlineData("", "", 0)]
    [InlineData("a", "", 1)]
    public void Numbers_compare_as_numbers_and_a_digit_sorts_after_any_other_byte(string left, string right, int sign)
    {
        byte[] l = Encoding.UTF8.GetBytes(left), r = Encoding.UTF8.GetBytes(right);
        Assert.Equal(sign, Math.Sign(LibraryNameComparer.SignedChar.Compare(l, r)));
        Assert.Equal(-sign, Math.Sign(LibraryNameComparer.SignedChar.Compare(r, l)));
        Assert.Equal(sign, Math.Sign(LibraryNameComparer.UnsignedChar.Compare(l, r)));
    }

    [Fact]
    public void Bytes_above_0x7f_sort_low_with_signed_chars_and_high_with_unsigned_ones()
    {
        byte[] accented = Encoding.UTF8.GetBytes("libé.so"), plain = Encoding.UTF8.GetBytes("libz.so");
        Assert.True(LibraryNameComparer.SignedChar.Compare(accented, plain) < 0);
        Assert.True(LibraryNameComparer.UnsignedChar.Compare(accented, plain) > 0);
    }
}
