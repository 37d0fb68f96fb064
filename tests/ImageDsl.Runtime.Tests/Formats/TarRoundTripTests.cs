using System.Text;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.TarFormat;

/// <summary>One header type for writing and reading: what the writer writes, the reader gives back.</summary>
public sealed class TarRoundTripTests
{
    private static readonly byte[] Capability = [1, 0, 0, 2, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    [Theory]
    [InlineData(TarDialect.GoArchiveTar)]
    [InlineData(TarDialect.Abuild)]
    public void Written_headers_read_back_field_for_field(TarDialect dialect)
    {
        string longDir = string.Concat(Enumerable.Repeat("directory/", 12));
        TarEntryHeader[] written =
        [
            new() { Name = "usr", Kind = TarEntryKind.Directory, Mode = (UnixFileMode)0x1ED, UserName = "root", GroupName = "root", ModificationTime = 1700000000 },
            new()
            {
                Name = longDir + "ping", Kind = TarEntryKind.RegularFile, Mode = (UnixFileMode)0x9ED, Uid = 1000, Gid = 1001,
                UserName = "app", GroupName = "app", Size = 3, ModificationTime = 1700000001,
                ExtendedAttributes = new Dictionary<string, byte[]> { ["security.capability"] = Capability },
            },
            new() { Name = "etc/café", Kind = TarEntryKind.Symlink, LinkName = "/" + longDir + "target", ModificationTime = 1700000002 },
        ];
        var tar = new MemoryStream();
        using (var writer = new DeterministicTarWriter(tar, leaveOpen: true, dialect))
        {
            foreach (TarEntryHeader header in written)
            {
                writer.WriteEntry(header, header.Size > 0 ? new MemoryStream("abc"u8.ToArray()) : null);
            }
            writer.Finish();
        }

        tar.Position = 0;
        var reader = new StreamingTarReader(tar);
        foreach (TarEntryHeader expected in written)
        {
            TarEntryHeader read = reader.Next() ?? throw new InvalidOperationException("the archive ended early");
            Assert.Equal(
                (expected.Name, expected.Kind, expected.Mode, expected.Uid, expected.Gid, expected.UserName, expected.GroupName, expected.Size, expected.ModificationTime, expected.LinkName),
                (read.Name, read.Kind, read.Mode, read.Uid, read.Gid, read.UserName, read.GroupName, read.Size, read.ModificationTime, read.LinkName));
            if (expected.ExtendedAttributes is not null)
            {
                Assert.Equal(Capability, read.PaxRecord("SCHILY.xattr.security.capability"));
                byte[] content = new byte[8];
                Assert.Equal("abc", Encoding.ASCII.GetString(content, 0, reader.ReadContent(content)));
            }
        }
        Assert.Null(reader.Next());
    }

    [Fact]
    public void Abuild_records_are_written_in_order_and_read_back()
    {
        var tar = new MemoryStream();
        var writer = new DeterministicTarWriter(tar, leaveOpen: true, TarDialect.Abuild);
        writer.WriteEntry(new TarEntryHeader
        {
            Name = "f",
            Kind = TarEntryKind.RegularFile,
            PaxRecords = [new("APK-TOOLS.checksum.SHA1", "00"u8.ToArray()), new("comment", "x"u8.ToArray())],
        });

        tar.Position = 0;
        TarEntryHeader read = new StreamingTarReader(tar).Next()!;
        Assert.Equal(["APK-TOOLS.checksum.SHA1", "comment"], read.PaxRecords.Select(r => r.Key));
        Assert.Equal("00"u8.ToArray(), read.PaxRecord("APK-TOOLS.checksum.SHA1"));
    }

    [Fact]
    public void Only_the_go_dialect_ends_the_archive_on_dispose()
    {
        // abuild's control and signature tars are cut without end blocks so that they concatenate.
        long Length(TarDialect dialect)
        {
            var tar = new MemoryStream();
            using (var writer = new DeterministicTarWriter(tar, leaveOpen: true, dialect))
            {
                writer.WriteEntry(new TarEntryHeader { Name = "d", Kind = TarEntryKind.Directory });
            }
            return tar.Length;
        }

        Assert.Equal(512 + 1024, Length(TarDialect.GoArchiveTar));
        Assert.Equal(512, Length(TarDialect.Abuild));
    }
}
