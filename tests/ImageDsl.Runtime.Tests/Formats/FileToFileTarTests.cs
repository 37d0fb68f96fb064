using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.TarFormat;

/// <summary>
/// An entry whose content is a file, written into a tar file, is copied inside the kernel (an image tar's blobs);
/// the tar must be byte for byte the one the read/write loop writes, and a file of the wrong size still refused.
/// </summary>
public sealed class FileToFileTarTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(3 * 1024 * 1024 + 7)]
    public void A_file_entry_copied_file_to_file_equals_the_streamed_one(int size)
    {
        byte[] content = new byte[size];
        new Random(size).NextBytes(content);
        string blob = _work.Combine("blob");
        File.WriteAllBytes(blob, content);

        byte[] streamed = Write(_work.Combine("streamed.tar"), () => new MemoryStream(content));
        byte[] copied = Write(_work.Combine("copied.tar"), () => new FileStream(blob, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));

        Assert.Equal(streamed.Length, copied.Length);
        Assert.True(streamed.AsSpan().SequenceEqual(copied), "the file-to-file copy wrote other bytes");
    }

    [Theory]
    [InlineData(-1)] // the file is shorter than the header says
    [InlineData(1)]  // the file holds more
    public void A_file_of_another_size_than_recorded_is_refused(int difference)
    {
        string blob = _work.Combine("blob");
        File.WriteAllBytes(blob, new byte[4096 + Math.Max(difference, 0)]);
        long recorded = 4096 - Math.Min(difference, 0) * 100;
        using var output = new FileStream(_work.Combine("out.tar"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var tar = new DeterministicTarWriter(output, leaveOpen: true);
        using var source = new FileStream(blob, FileMode.Open, FileAccess.Read);
        var error = Assert.Throws<ImageDslException>(() => tar.WriteEntry(Header("blob", recorded), source));
        Assert.Contains($"is not the {recorded} bytes recorded", error.Message);
    }

    private static byte[] Write(string path, Func<Stream> content)
    {
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var tar = new DeterministicTarWriter(output, leaveOpen: true))
        {
            tar.WriteEntry(Header("first", 3), new MemoryStream([1, 2, 3])); // buffered bytes before the copy
            using (Stream blob = content())
            {
                tar.WriteEntry(Header("blobs/sha256/x", blob.Length), blob);
            }
            tar.WriteEntry(Header("after", 2), new MemoryStream([9, 9])); // written where the copy ended
            tar.Finish();
        }
        return File.ReadAllBytes(path);
    }

    private static TarEntryHeader Header(string name, long size) =>
        new() { Name = name, Kind = TarEntryKind.RegularFile, Mode = (UnixFileMode)0x1A4, Size = size };
}
