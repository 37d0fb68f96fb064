using ImageDsl.Build;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Build;

/// <summary>SOURCE_DATE_EPOCH is read one way for every command: unset, set but empty, seconds, or a clear error.</summary>
public class SourceDateEpochTests
{
    [Fact]
    public void Unset_is_null_and_empty_is_present_without_a_date()
    {
        Assert.Null(SourceDateEpoch.Parse(null));
        SourceDateEpoch empty = Assert.IsType<SourceDateEpoch>(SourceDateEpoch.Parse(" "));
        Assert.Null(empty.Date);
    }

    [Theory]
    [InlineData("1700000000", 1700000000)]
    [InlineData(" 42\n", 42)]
    [InlineData("-1", -1)]
    public void Whole_seconds_name_a_date(string text, long seconds) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), SourceDateEpoch.Parse(text)!.Date);

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_a_configuration_error_naming_the_value(string text)
    {
        var error = Assert.Throws<ImageDslException>(() => SourceDateEpoch.Parse(text));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains($"'{text}'", error.Message);
    }
}
