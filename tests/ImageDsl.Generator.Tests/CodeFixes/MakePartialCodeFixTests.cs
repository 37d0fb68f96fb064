using ImageDsl.CodeFixes;
using ImageDsl.Generator.Diagnostics.Analyzers;
using Verify = ImageDsl.Tests.Support.CodeFixVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ImageClassAnalyzer, ImageDsl.CodeFixes.MakePartialCodeFix>;

namespace ImageDsl.Tests.CodeFixes;

public class MakePartialCodeFixTests
{
    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => Verify.VerifyAsync("""
        using ImageDsl;

        [Image("a")]
        public sealed class {|#0:A|}
        {
        }
        """,
        [Verify.Diagnostic("IMG0020").WithLocation(0).WithArguments("A")],
        """
        using ImageDsl;

        [Image("a")]
        public sealed partial class A
        {
        }
        """);

    [Fact]
    public Task Adds_partial_to_a_class_without_modifiers_and_to_its_container() => Verify.VerifyAsync("""
        using ImageDsl;

        static class {|#1:Outer|}
        {
            [Image("a")]
            class {|#0:A|};
        }
        """,
        [
            Verify.Diagnostic("IMG0020").WithLocation(0).WithArguments("A"),
            Verify.Diagnostic("IMG0020").WithLocation(1).WithArguments("Outer' (which contains the image class 'A"),
        ],
        """
        using ImageDsl;

        static partial class Outer
        {
            [Image("a")]
            partial class A;
        }
        """);
}
