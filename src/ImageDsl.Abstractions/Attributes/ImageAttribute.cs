namespace ImageDsl;

/// <summary>
/// Declares a container image. Put it on a <c>partial</c> class; the ImageDsl generator adds the
/// image declaration (<c>Configuration</c>, the apko.yaml model, and <c>ImageName</c>) to that class and registers the image so
/// <c>dotnet image</c> finds it in the built assembly (see <see cref="ImageCatalog"/>).
/// </summary>
/// <remarks>
/// The other ImageDsl attributes on the class (and on its base classes, which act like apko's
/// <c>include:</c>) fill in the image. See docs/dsl.md for the attribute-to-apko.yaml table.
/// </remarks>
/// <example><code>
/// [Image("hello")]
/// [Repository("https://dl-cdn.alpinelinux.org/alpine/v3.20/main")]
/// [Package("busybox")]
/// public partial class Hello;
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ImageAttribute : Attribute
{
    /// <summary>Declares the image <paramref name="name"/>.</summary>
    /// <param name="name">The image name the tool selects it by, e.g. <c>nginx</c>.</param>
    public ImageAttribute(string name) => Name = name;

    /// <summary>The image name.</summary>
    public string Name { get; }
}
