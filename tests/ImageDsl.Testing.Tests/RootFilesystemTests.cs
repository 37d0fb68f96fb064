using System.Formats.Tar;
using System.Text;
using ImageDsl.Testing;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>The folder a run's sandbox uses as its root: the image's files, and nothing written outside it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RootFilesystemTests
{
    private static ImageFile Directory_(string path, int mode = 0x1ED) => new(path, TarEntryType.Directory, mode, 0, 0, null, []);

    private static ImageFile File_(string path, string text, int mode = 0x1A4) => new(path, TarEntryType.RegularFile, mode, 0, 0, null, Encoding.UTF8.GetBytes(text));

    private static ImageFile Link(string path, string target) => new(path, TarEntryType.SymbolicLink, 0x1FF, 0, 0, target, []);

    private static Dictionary<string, ImageFile> Image(params ImageFile[] files) => files.ToDictionary(f => f.Path);

    [Fact]
    public void Writes_files_with_their_modes_links_and_hard_links()
    {
        using var work = new TempDirectory();
        string root = work.Combine("root");

        RootFilesystem.Write(root, Image(
            Directory_("/usr"), Directory_("/usr/bin"), Directory_("/ro", mode: 0x16D),
            File_("/usr/bin/tool", "#!/bin/sh\n", mode: 0x1ED), File_("/ro/data", "d"),
            Link("/bin", "/usr/bin"),
            new ImageFile("/usr/bin/tool2", TarEntryType.HardLink, 0x1ED, 0, 0, "usr/bin/tool", [])));

        Assert.Equal("#!/bin/sh\n", File.ReadAllText(Path.Combine(root, "usr/bin/tool")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(root, "usr/bin/tool")));
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(Path.Combine(root, "usr/bin/tool2")));
        Assert.Equal("/usr/bin", new FileInfo(Path.Combine(root, "bin")).LinkTarget);
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Path.Combine(root, "ro"))); // 0555 set after its file was written

        RootFilesystem.Delete(root);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Never_writes_through_a_link_that_points_outside()
    {
        using var work = new TempDirectory();
        string outside = work.Combine("outside");
        Directory.CreateDirectory(outside);

        // /etc is a link to a host folder and the image also has a file below it.
        var error = Assert.Throws<InvalidDataException>(() => RootFilesystem.Write(work.Combine("root"), Image(
            Link("/etc", outside), File_("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"))));

        Assert.Contains("entries under its symbolic link /etc", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Theory]
    [InlineData("/../escape")]
    [InlineData("/usr/../../escape")]
    public void Refuses_dot_dot_paths(string path)
    {
        using var work = new TempDirectory();

        Assert.Throws<InvalidDataException>(() => RootFilesystem.Write(work.Combine("root"), Image(File_(path, "x"))));
        Assert.False(File.Exists(work.Combine("escape")));
    }
}
