using ImageDsl.Assembling.Busybox;

namespace ImageDsl.Tests.Assembling;

/// <summary>
/// The busybox applet table: the embedded data reads, each busybox version gets the list its section
/// gives, and the reader refuses data that is not a table (with the line at fault).
/// </summary>
public class BusyboxAppletTableTests
{
    private static IReadOnlyList<BusyboxAppletList> Read(string text) => BusyboxAppletTableReader.Read(new StringReader(text), "t.txt");

    [Fact]
    public void The_embedded_table_has_one_list_per_version_where_busybox_applets_changed()
    {
        Assert.Equal(["0.0.0", "1.31.0", "1.34.0", "1.36.0"], BusyboxAppletTable.ListVersions.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData("1.30.1-r3", "0.0.0")]
    [InlineData("1.2.3", "0.0.0")]          // older than the table: its oldest list
    [InlineData("1.31.0-r0", "1.31.0")]
    [InlineData("1.33.1-r8", "1.31.0")]
    [InlineData("1.34.1-r5", "1.34.0")]
    [InlineData("v1.35.0", "1.34.0")]
    [InlineData("1.36.0-r0", "1.36.0")]
    [InlineData("1.37.0-r30", "1.36.0")]    // newer than the table: its newest list
    [InlineData("2.0.0", "1.36.0")]
    public void A_version_gets_the_list_of_the_newest_section_not_above_it(string packageVersion, string section)
    {
        var lists = BusyboxAppletTableReader.Read(new StringReader(EmbeddedTableText()), "embedded");
        IReadOnlyList<string> expected = lists.Single(l => l.Since.ToString() == section).Links;
        Assert.Equal(expected, BusyboxAppletTable.LinksFor(packageVersion));
    }

    [Fact]
    public void Lists_differ_by_the_applets_busybox_added()
    {
        IReadOnlyList<string> v130 = BusyboxAppletTable.LinksFor("1.30.1")!;
        IReadOnlyList<string> v133 = BusyboxAppletTable.LinksFor("1.33.2")!;
        IReadOnlyList<string> v135 = BusyboxAppletTable.LinksFor("1.35.0")!;
        IReadOnlyList<string> v136 = BusyboxAppletTable.LinksFor("1.36.1")!;
        Assert.Equal(["usr/bin/ts", "usr/sbin/i2ctransfer", "usr/sbin/mim"], v133.Except(v130).Order(StringComparer.Ordinal));
        Assert.Equal(["usr/bin/ascii", "usr/bin/crc32"], v135.Except(v133).Order(StringComparer.Ordinal));
        Assert.Equal(["usr/bin/tree", "usr/bin/tsort", "usr/sbin/seedrng"], v136.Except(v135).Order(StringComparer.Ordinal));
        Assert.Empty(v130.Except(v136));
        Assert.Contains("bin/sh", v130);
        Assert.Equal(v135.Order(StringComparer.Ordinal), v135); // ordinal order, so links are made in a stable order
    }

    [Fact]
    public void Every_link_is_in_one_of_the_folders_busybox_installs_applets_to()
    {
        // busybox's BB_DIR_ROOT, BB_DIR_BIN, BB_DIR_SBIN, BB_DIR_USR_BIN and BB_DIR_USR_SBIN.
        foreach (string version in new[] { "1.30.0", "1.31.0", "1.34.0", "1.36.0" })
        {
            Assert.All(BusyboxAppletTable.LinksFor(version)!, link =>
                Assert.Matches(@"^((usr/)?s?bin/)?[^/]+$", link));
        }
        Assert.Equal(["linuxrc"], BusyboxAppletTable.LinksFor("1.36.0")!.Where(l => !l.Contains('/')));
    }

    [Theory]
    [InlineData("1.35")]
    [InlineData("1.35.0_git2024-r0")]
    [InlineData("1.35.0-r2-r3")]
    [InlineData("1.٣5.0")]                  // a non-ASCII digit is not a version digit
    [InlineData("")]
    public void A_version_that_is_not_major_minor_patch_has_no_list(string packageVersion)
    {
        Assert.Null(BusyboxAppletTable.LinksFor(packageVersion));
    }

    [Fact]
    public void Later_sections_add_and_remove_from_the_list_before()
    {
        var lists = Read("# c\nsince 0.0.0\nbin/a\nbin/b\n\nsince 1.2.0\n+usr/bin/c\n-bin/a\nsince 1.10.0\n+bin/a\n");
        Assert.Equal(["bin/a", "bin/b"], lists[0].Links);
        Assert.Equal(["bin/b", "usr/bin/c"], lists[1].Links);
        Assert.Equal(["bin/a", "bin/b", "usr/bin/c"], lists[2].Links);
        Assert.Equal(new Version(1, 10, 0), lists[2].Since); // numeric order, not text order
    }

    [Theory]
    [InlineData("", "line 0: no 'since' line")]
    [InlineData("bin/a\n", "line 1: 'bin/a' comes before the first 'since' line")]
    [InlineData("since 1.0.0\nbin/a\n", "line 1: the first section must be 'since 0.0.0'")]
    [InlineData("since 0.0.0\n", "the list for busybox 0.0.0 is empty")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.0\n+bin/b\n", "line 3: '1.0' is not a version")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.2.3.4\n", "line 3: '1.2.3.4' is not a version")]
    [InlineData("since 0.0.0\nbin/a\nsince 99999999999.0.0\n", "is not a version")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.2.0\n+bin/b\nsince 1.2.0\n+bin/c\n", "line 5: version 1.2.0 does not come after 1.2.0")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.2.0\n+bin/b\nsince 1.1.0\n+bin/c\n", "line 5: version 1.1.0 does not come after 1.2.0")]
    [InlineData("since 0.0.0\nbin/a\nbin/a\n", "line 3: 'bin/a' is already in the list")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.0.0\n+bin/a\n", "line 4: 'bin/a' is already in the list")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.0.0\n-bin/b\n", "line 4: 'bin/b' is not in the list")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.0.0\nbin/b\n", "line 4: 'bin/b': after the first section")]
    [InlineData("since 0.0.0\n+bin/a\n", "line 2: '+bin/a' is not a relative path")]
    [InlineData("since 0.0.0\n/bin/a\n", "line 2: '/bin/a' is not a relative path")]
    [InlineData("since 0.0.0\nbin/../etc/passwd\n", "'bin/../etc/passwd' is not a relative path")]
    [InlineData("since 0.0.0\nbin/./a\n", "is not a relative path")]
    [InlineData("since 0.0.0\nbin//a\n", "is not a relative path")]
    [InlineData("since 0.0.0\nbin/a b\n", "is not a relative path")]
    [InlineData("since 0.0.0\n bin/a\n", "is not a relative path")]
    [InlineData("since 0.0.0\nbin/a\nsince 1.0.0\n-bin/a\n", "line 4: the list for busybox 1.0.0 is empty")]
    [InlineData("since  0.0.0\nbin/a\n", "is not a version")]
    public void Malformed_tables_are_refused_with_the_line_at_fault(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(text));
        Assert.StartsWith("t.txt line ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Oversized_tables_and_lines_are_refused()
    {
        Assert.Contains("longer than", Assert.Throws<InvalidDataException>(() => Read("since 0.0.0\n" + new string('a', 300) + "\n")).Message);
        string many = "since 0.0.0\n" + string.Concat(Enumerable.Range(0, BusyboxAppletTableReader.MaxLines).Select(i => $"bin/a{i}\n"));
        Assert.Contains($"more than {BusyboxAppletTableReader.MaxLines} lines", Assert.Throws<InvalidDataException>(() => Read(many)).Message);
    }

    private static string EmbeddedTableText()
    {
        using Stream stream = typeof(BusyboxAppletTable).Assembly.GetManifestResourceStream("ImageDsl.Assembling.Busybox.busybox-applets.txt")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
