using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

/// <summary>
/// Under MSBuild (the PublishImage targets set IMAGEDSL_INLINE_HINTS=1) the hint rides on the error's line: MSBuild
/// turns only that line into an error, and its terminal logger does not show the others.
/// </summary>
public sealed class InlineHintTests
{
    [Fact]
    public void By_default_the_hint_is_its_own_line()
    {
        var text = new StringWriter();
        new ErrorWriter(text, ansi: false).Error("IMG1002", "the project declares 2 images", "Choose one.");
        Assert.Equal("error IMG1002: the project declares 2 images\n  hint: Choose one.\n", text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Inline_the_hint_ends_the_error_line_and_later_lines_stay_below()
    {
        var text = new StringWriter();
        var errors = new ErrorWriter(text, ansi: false, inlineHints: true);
        errors.Error("IMG1002", "building failed:\n  App.cs(1,1): error CS1002: ; expected", "Fix the errors above.");
        errors.Diagnostic("App.cs(3,2): error IMG0013: work-dir 'app' is not an absolute path", "Start it with /.");
        errors.Error("IMG1004", "no hint here", null);
        Assert.Equal(
            "error IMG1002: building failed: Hint: Fix the errors above.\n  App.cs(1,1): error CS1002: ; expected\n" +
            "App.cs(3,2): error IMG0013: work-dir 'app' is not an absolute path Hint: Start it with /.\n" +
            "error IMG1004: no hint here\n",
            text.ToString().ReplaceLineEndings("\n"));
    }
}
