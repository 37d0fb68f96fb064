using System.ComponentModel;

namespace ImageDsl;

/// <summary>
/// Registers an image class in its assembly. The ImageDsl generator emits one per <c>[Image]</c>
/// class, so <see cref="ImageCatalog.Discover"/> can list the images of a built assembly without any
/// code written by the user. Not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ImageRegistrationAttribute : Attribute
{
    /// <summary>Registers <paramref name="imageType"/> under <paramref name="name"/>.</summary>
    public ImageRegistrationAttribute(Type imageType, string name)
    {
        ImageType = imageType;
        TypeName = imageType.FullName ?? imageType.Name;
        Name = name;
    }

    /// <summary>
    /// Registers a type that <c>typeof</c> cannot reach from assembly level (a private nested class)
    /// by its metadata name, e.g. <c>Acme.Images+Web</c>.
    /// </summary>
    public ImageRegistrationAttribute(string typeName, string name)
    {
        TypeName = typeName;
        Name = name;
    }

    /// <summary>The image class, or null when registered by name.</summary>
    public Type? ImageType { get; }

    /// <summary>The image class's metadata name.</summary>
    public string TypeName { get; }

    /// <summary>The image name from <c>[Image]</c>.</summary>
    public string Name { get; }
}
