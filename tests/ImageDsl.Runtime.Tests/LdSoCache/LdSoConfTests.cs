using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.LdSoCache;

namespace ImageDsl.Tests.LdSoCache;

public class LdSoConfTests
{
    private static IReadOnlyList<string> Read(Layout layout) => LdSoConf.Directories(layout.ToTree());

    [Fact]
    public void Comments_blanks_trailing_slashes_type_suffixes_and_hwcap_lines_are_handled_as_ldconfig_does()
    {
        var dirs = Read(new Layout().Text("/etc/ld.so.conf",
            "# all of it\n\n   /usr/lib/   \n/opt/a # why\n/usr//local/./lib\n/old=libc5\nhwcap 1 nosegneg\n/usr/lib\n\t/tabbed\t\n/crlf\r\n"));

        Assert.Equal(["/usr/lib", "/opt/a", "/usr/local/lib", "/old", "/tabbed", "/crlf"], dirs);
    }

    [Fact]
    public void Lines_after_an_include_are_read_unlike_apko_which_stops_at_the_first_include()
    {
        var dirs = Read(new Layout()
            .Text("/etc/ld.so.conf", "/first\ninclude /etc/ld.so.conf.d/*.conf\n/after\ninclude /etc/more.conf\n")
            .Text("/etc/ld.so.conf.d/b.conf", "/b\n")
            .Text("/etc/ld.so.conf.d/a.conf", "/a\n/b\n")
            .Text("/etc/more.conf", "/more\n"));

        Assert.Equal(["/first", "/a", "/b", "/after", "/more"], dirs);
    }

    [Fact]
    public void Include_patterns_are_several_per_line_relative_to_the_including_file_and_skip_dot_files()
    {
        var dirs = Read(new Layout()
            .Text("/etc/ld.so.conf", "include\tconf.d/*.conf  extra/x.conf  missing/*.conf\n")
            .Text("/etc/conf.d/1.conf", "/one\n")
            .Text("/etc/conf.d/.hidden.conf", "/hidden\n")
            .Text("/etc/conf.d/2.txt", "/txt\n")
            .Directory("/etc/conf.d/dir.conf")
            .Text("/etc/extra/x.conf", "/x\n"));

        Assert.Equal(["/one", "/x"], dirs);
    }

    [Fact]
    public void Include_loops_end_and_a_word_merely_starting_with_include_is_a_directory()
    {
        var dirs = Read(new Layout()
            .Text("/etc/ld.so.conf", "include /etc/a.conf\n/includes\nINCLUDE /etc/b.conf\n")
            .Text("/etc/a.conf", "/a\ninclude /etc/b.conf\n")
            .Text("/etc/b.conf", "/b\ninclude /etc/a.conf\ninclude /etc/ld.so.conf\ninclude ./b.conf\ninclude self/b.conf\n")
            .Symlink("/etc/self", "."));

        Assert.Equal(["/a", "/b", "/includes", "/INCLUDE /etc/b.conf"], dirs);
    }

    [Fact]
    public void A_conf_reached_through_symlinks_inside_the_image_is_read_and_nothing_escapes_the_root()
    {
        FileTree tree = new Layout()
            .Text("/usr/share/ld/real.conf", "/real\n")
            .Directory("/etc/ld.so.conf.d")
            .Symlink("/etc/ld.so.conf.d/link.conf", "../../../../usr/share/ld/real.conf")
            .Text("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\ninclude ../../../../etc/ld.so.conf.d/link.conf\n/../../up\n")
            .ToTree();

        Assert.Equal(["/real", "/up"], LdSoConf.Directories(tree));
    }

    [Theory]
    [InlineData("*.conf", "a.conf", true)]
    [InlineData("*.conf", "a.conf.bak", false)]
    [InlineData("?.conf", "ab.conf", false)]
    [InlineData("[a-c]*.conf", "b1.conf", true)]
    [InlineData("[!a-c]*.conf", "b1.conf", false)]
    [InlineData("[^a-c]*.conf", "d1.conf", true)]
    [InlineData("[]x].conf", "].conf", true)]
    [InlineData("\\*.conf", "*.conf", true)]
    [InlineData("\\*.conf", "a.conf", false)]
    [InlineData("[a.conf", "[a.conf", true)]
    public void Glob_patterns_match_like_fnmatch(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, TreeGlob.Matches(pattern, 0, name, 0));
    }
}
