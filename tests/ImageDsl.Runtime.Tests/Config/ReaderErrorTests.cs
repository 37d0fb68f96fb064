using ImageDsl.Config;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Config;

/// <summary>Strict reading: every mistake is an error at the line and column of the offending text.</summary>
public class ReaderErrorTests
{
    [Fact]
    public void An_unknown_key_is_located_and_the_closest_key_is_suggested()
    {
        var d = ConfigAssert.SingleError("""
            contents:
              pakages:
                - busybox
            """, "IMG0001", 2, 3);
        Assert.Equal("unknown field 'pakages' in contents; did you mean 'packages'?", d.Message);
    }

    [Theory]
    [InlineData("run_as: x", "run-as")]
    [InlineData("runAs: x", "run-as")]
    [InlineData("user: []", "users")]
    public void A_key_in_another_spelling_convention_suggests_apkos_spelling(string entry, string suggestion)
    {
        var d = ConfigAssert.SingleError($"accounts:\n  {entry}\n", "IMG0001", 2, 3);
        Assert.EndsWith($"did you mean '{suggestion}'?", d.Message);
    }

    [Fact]
    public void A_key_nothing_resembles_lists_the_keys_that_exist()
    {
        var d = ConfigAssert.SingleError("layering:\n  zzzzzzzz: 1\n", "IMG0001", 2, 3);
        Assert.EndsWith("expected one of strategy, budget", d.Message);
    }

    [Fact]
    public void An_old_apko_key_says_it_was_removed()
    {
        var d = ConfigAssert.SingleError("os-release:\n  name: x\n", "IMG0001", 1, 1);
        Assert.Contains("no longer supports 'os-release'", d.Message);
    }

    [Fact]
    public void A_misspelt_architecture_suggests_the_right_one()
    {
        var d = ConfigAssert.SingleError(ConfigAssert.Valid + "\narchs:\n  - amd64\n  - amd46\n", "IMG0003", 8, 5);
        Assert.Equal("unknown architecture 'amd46'; did you mean 'amd64'?", d.Message);
    }

    [Theory]
    [InlineData("0o999")]
    [InlineData("rwx")]
    [InlineData("'0755'")]
    [InlineData("-1")]
    public void Permissions_that_are_not_octal_are_located(string permissions)
    {
        var d = ConfigAssert.SingleError($"""
            paths:
              - path: /app
                type: directory
                permissions: {permissions}
            """, "IMG0016", 4, 18);
        Assert.Contains("are not octal file permissions", d.Message);
    }

    [Fact]
    public void Uid_zero_points_at_the_uid_and_hints_run_as_0()
    {
        var d = ConfigAssert.SingleError("""
            accounts:
              users:
                - username: app
                  uid: 0
            """, "IMG0006", 4, 12);
        Assert.Equal("configured user 'app' has UID 0", d.Message);
        Assert.Contains("run-as: 0", d.Hint);
    }

    [Theory]
    [InlineData("abc", "accounts.users[0].uid must be a whole number from 0 to 4294967295, not 'abc'")]
    [InlineData("\"1000\"", "accounts.users[0].uid must be a whole number from 0 to 4294967295, not '1000' (write it without quotes)")]
    [InlineData("4294967296", "accounts.users[0].uid must be a whole number from 0 to 4294967295, not '4294967296'")]
    [InlineData("1.5", "accounts.users[0].uid must be a whole number from 0 to 4294967295, not '1.5'")]
    public void A_uid_that_is_not_an_unsigned_integer_is_an_invalid_value(string uid, string message)
    {
        var d = ConfigAssert.SingleError($"accounts:\n  users:\n    - username: app\n      uid: {uid}\n", "IMG0034", 4, 12);
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void A_list_where_a_map_belongs_is_located()
    {
        var d = ConfigAssert.SingleError("contents:\n  - busybox\n", "IMG0034", 2, 3);
        Assert.Equal("contents must be a mapping, not a list", d.Message);
    }

    [Fact]
    public void A_scalar_where_a_list_belongs_is_located()
    {
        var d = ConfigAssert.SingleError("contents:\n  packages: busybox\n", "IMG0034", 2, 13);
        Assert.Equal("contents.packages must be a list, not 'busybox'", d.Message);
    }

    [Fact]
    public void A_map_where_text_belongs_is_located()
    {
        var d = ConfigAssert.SingleError("cmd:\n  run: x\n", "IMG0034", 2, 3);
        Assert.Equal("cmd must be text, not a mapping", d.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_an_invalid_document()
    {
        var d = ConfigAssert.SingleError("- busybox\n", "IMG0002", 1, 1);
        Assert.StartsWith("an image configuration must be a YAML mapping", d.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void An_empty_file_is_an_invalid_document(string yaml)
    {
        var d = ConfigAssert.SingleError(yaml, "IMG0002", 1, 1);
        Assert.Equal("the configuration file is empty", d.Message);
    }

    [Fact]
    public void Unclosed_flow_syntax_is_not_yaml()
    {
        var d = Assert.Single(ConfigAssert.Errors("archs: [amd64\n"));
        Assert.Equal(("IMG0002", "test.yaml", 2), (d.Id, d.File, d.Line));
        Assert.StartsWith("not valid YAML: ", d.Message);
    }

    [Fact]
    public void A_tab_used_as_indentation_is_located_at_the_tab()
    {
        var d = ConfigAssert.SingleError("archs: [amd64]\nenvironment:\n  A: x\n\tcmd: x\n", "IMG0002", 4, 1);
        Assert.Contains("tab", d.Message);
    }

    [Fact]
    public void An_unclosed_flow_list_followed_by_more_keys_is_not_yaml()
    {
        // YamlDotNet throws InvalidOperationException here; it must still become a located diagnostic.
        var d = Assert.Single(ConfigAssert.Errors("archs: [amd64, arm64\ncmd: x\n"));
        Assert.Equal(("IMG0002", "test.yaml"), (d.Id, d.File));
        Assert.StartsWith("not valid YAML: ", d.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_at_the_first_invalid_byte()
    {
        byte[] content = [.. "cmd: x\nab"u8, 0xff, 0xfe, 0x00];
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(content, "image.bin"));
        var d = Assert.Single(error.Diagnostics);
        ConfigAssert.AssertAt(d, "IMG0002", "image.bin", 2, 3);
        Assert.Equal("not a YAML text file: byte 0xff at offset 9 is not valid UTF-8", d.Message);
    }

    [Fact]
    public void Binary_bytes_that_happen_to_be_utf8_are_not_yaml_either()
    {
        byte[] content = [.. "cmd: x\n"u8, 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00];
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(content, "a.out"));
        var d = Assert.Single(error.Diagnostics);
        ConfigAssert.AssertAt(d, "IMG0002", "a.out", 2, 1);
        Assert.Equal("not a YAML text file: the control character U+007F is not allowed in YAML", d.Message);
    }

    [Fact]
    public void A_duplicate_key_names_the_first_definition()
    {
        var d = ConfigAssert.SingleError("cmd: a\nwork-dir: /\ncmd: b\n", "IMG0002", 3, 1);
        Assert.Equal("mapping key 'cmd' already defined at line 1", d.Message);
    }

    [Fact]
    public void Path_type_must_be_known_and_present()
    {
        var errors = ConfigAssert.Errors("paths:\n  - path: /a\n    type: folder\n  - path: /b\n");
        Assert.Collection(errors,
            d => ConfigAssert.AssertAt(d, "IMG0032", "test.yaml", 3, 11),
            d => ConfigAssert.AssertAt(d, "IMG0027", "test.yaml", 4, 5));
        Assert.Equal("paths[1] is missing the required field 'type'", errors[1].Message);
    }

    [Fact]
    public void Recursive_must_be_a_boolean()
    {
        var d = ConfigAssert.SingleError("paths:\n  - path: /a\n    type: directory\n    recursive: maybe\n", "IMG0034", 4, 16);
        Assert.Equal("paths[0].recursive must be true or false, not 'maybe'", d.Message);
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_at_once()
    {
        var errors = ConfigAssert.Errors("""
            contents:
              pakages: [a]
            archs: [amd46]
            accounts:
              users:
                - username: app
                  uid: x
            """);
        Assert.Equal(["IMG0001", "IMG0003", "IMG0034"], errors.Select(e => e.Id));
        Assert.Equal([2, 3, 7], errors.Select(e => e.Line));
    }

    [Fact]
    public void The_exception_message_is_one_compiler_style_line_per_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse("archs: [amd46]\ncmd: [a]\n", "img.yaml"));
        Assert.Equal(
            "img.yaml(1,9): error IMG0003: unknown architecture 'amd46'; did you mean 'amd64'?\n" +
            "img.yaml(2,6): error IMG0034: cmd must be text, not a list",
            error.Message);
        Assert.Equal(ErrorKind.Configuration, error.Kind);
    }

    [Fact]
    public void Excessive_aliasing_is_refused()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++)
        {
            string previous = $"*a{i - 1}";
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }
        var d = Assert.Single(ConfigAssert.Errors(yaml.ToString()));
        Assert.Equal("IMG0002", d.Id);
        Assert.Contains("excessive aliasing", d.Message);
    }
}
