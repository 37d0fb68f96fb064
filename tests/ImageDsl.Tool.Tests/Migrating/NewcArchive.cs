using System.Globalization;
using System.Text;

namespace ImageDsl.Tests.Migrating;

/// <summary>One entry of a newc ("070701") cpio archive, read by the test itself (not by the code under test).</summary>
internal sealed record NewcEntry(string Name, long Inode, int Mode, int Uid, int Gid, int Links, byte[] Data);

internal static class NewcArchive
{
    /// <summary>Every entry up to the trailer.</summary>
    public static IReadOnlyList<NewcEntry> Read(byte[] archive)
    {
        var entries = new List<NewcEntry>();
        int at = 0;
        while (true)
        {
            string header = Encoding.ASCII.GetString(archive, at, 110);
            Assert.StartsWith("070701", header);
            int Field(int i) => int.Parse(header.AsSpan(6 + i * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int nameSize = Field(11);
            int fileSize = Field(6);
            string name = Encoding.UTF8.GetString(archive, at + 110, nameSize - 1);
            int dataAt = Align(at + 110 + nameSize);
            if (name == "TRAILER!!!")
            {
                return entries;
            }
            entries.Add(new NewcEntry(name.TrimStart('.').TrimStart('/'), Field(0), Field(1), Field(2), Field(3), Field(4), archive[dataAt..(dataAt + fileSize)]));
            at = Align(dataAt + fileSize);
        }
    }

    private static int Align(int offset) => (offset + 3) & ~3;
}
