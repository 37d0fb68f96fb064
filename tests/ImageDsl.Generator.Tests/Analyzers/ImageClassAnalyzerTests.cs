using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ImageClassAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class ImageClassAnalyzerTests
{
    [Fact]
    public Task Partial_classes_with_unique_names_are_fine() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] public partial class A;
        public static partial class Outer { [Image("b")] private partial class B; }
        [Package("x")] public abstract class NotAnImageNeedNotBePartial;
        """);

    [Fact]
    public Task An_image_class_must_be_partial() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image("a")] public class {|#0:A|};
        public static class {|#1:Outer|} { [Image("b")] private partial class B; }
        """,
        Verify.Diagnostic("IMG0020").WithLocation(0).WithArguments("A"),
        Verify.Diagnostic("IMG0020").WithLocation(1).WithArguments("Outer' (which contains the image class 'B"));

    [Fact]
    public Task An_image_class_cannot_be_generic() => Verify.VerifyAsync("""
        using ImageDsl;
        [{|#0:Image("a")|}] public partial class A<T>;
        """,
        Verify.Diagnostic("IMG0034").WithLocation(0).WithArguments("the image class 'A' cannot be generic (or nested in a generic type): the tool must be able to create it"));

    [Fact]
    public Task The_image_name_is_required_and_unique() => Verify.VerifyAsync("""
        using ImageDsl;
        [Image({|#0:""|})] public partial class A;
        [Image({|#1:"web"|})] public partial class B;
        [Image({|#2:"web"|})] public partial class C;
        """,
        Verify.Diagnostic("IMG0027").WithLocation(0).WithArguments("[Image] on 'A'", "name"),
        Verify.Diagnostic("IMG0037").WithLocation(1).WithArguments("web", "C"),
        Verify.Diagnostic("IMG0037").WithLocation(2).WithArguments("web", "B"));
}
