using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ImageDsl.Model;

namespace ImageDsl;

/// <summary>An image found in an assembly: its name, its class and its declaration.</summary>
/// <param name="Name">The name from <c>[Image]</c>.</param>
/// <param name="Type">The image class.</param>
/// <param name="Configuration">The generated <c>Configuration</c> of the class.</param>
public sealed record DiscoveredImage(string Name, Type Type, ImageConfiguration Configuration)
{
    /// <summary>
    /// The generated <c>Plan</c> of the class (its configuration and the packages its lock file pinned), or null
    /// when the project had no <c>&lt;image name&gt;.lock.json</c> for it.
    /// </summary>
    public BuildPlan? Plan { get; init; }

    /// <summary>
    /// The layer compression the class declares with <c>[LayerCompression]</c> (merged from its bases and fragments),
    /// as <c>dotnet image build --compression</c> spells it (<c>zstd</c>, <c>zstd:9</c>, <c>gzip:6</c>); null when it
    /// declares none (gzip at its default level).
    /// </summary>
    public string? LayerCompression { get; init; }
}

/// <summary>Finds the images that the ImageDsl generator registered in an assembly.</summary>
public static class ImageCatalog
{
    private const string ReflectionReason = "Reads the generated members of the image classes by reflection; a trimmed or native app may have removed them.";

    /// <summary>The generated static property every image class carries.</summary>
    public const string ConfigurationProperty = "Configuration";

    /// <summary>The generated static property an image class with a lock file carries (its <see cref="BuildPlan"/>).</summary>
    public const string PlanProperty = "Plan";

    /// <summary>The generated constant an image class with <c>[LayerCompression]</c> carries (its <c>--compression</c> text).</summary>
    public const string LayerCompressionField = "LayerCompression";

    /// <summary>
    /// Lists every image registered in <paramref name="assembly"/>, ordered by name (ordinal).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A registration names a type that is missing or has no generated <c>Configuration</c>
    /// (the assembly was built without the generator or is damaged).
    /// </exception>
    [RequiresUnreferencedCode(ReflectionReason)]
    public static IReadOnlyList<DiscoveredImage> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var images = new List<DiscoveredImage>();
        foreach (var registration in assembly.GetCustomAttributes<ImageRegistrationAttribute>())
        {
            Type type = registration.ImageType
                ?? assembly.GetType(registration.TypeName, throwOnError: false)
                ?? throw new InvalidOperationException(
                    $"image '{registration.Name}' is registered as type '{registration.TypeName}', which {assembly.GetName().Name} does not contain");
            images.Add(new DiscoveredImage(registration.Name, type, ReadConfiguration(type, registration.Name)) { Plan = ReadPlan(type), LayerCompression = ReadLayerCompression(type) });
        }
        images.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return images;
    }

    /// <summary>The image named <paramref name="name"/> in <paramref name="assembly"/>, or null.</summary>
    [RequiresUnreferencedCode(ReflectionReason)]
    public static DiscoveredImage? Find(Assembly assembly, string name) =>
        Discover(assembly).FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The class's own plan (a derived image does not inherit its base's: its packages may differ).</summary>
    [RequiresUnreferencedCode(ReflectionReason)]
    private static BuildPlan? ReadPlan(Type type) =>
        type.GetProperty(PlanProperty, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetValue(null) as BuildPlan;

    /// <summary>The class's own constant: the generator writes it on every image class whose merged declaration has one.</summary>
    [RequiresUnreferencedCode(ReflectionReason)]
    private static string? ReadLayerCompression(Type type) =>
        type.GetField(LayerCompressionField, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetValue(null) as string;

    [RequiresUnreferencedCode(ReflectionReason)]
    private static ImageConfiguration ReadConfiguration(Type type, string name)
    {
        PropertyInfo? property = type.GetProperty(
            ConfigurationProperty, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        if (property?.GetValue(null) is not ImageConfiguration configuration)
        {
            throw new InvalidOperationException(
                $"image '{name}' ({type.FullName}) has no generated {ConfigurationProperty} property; build its project with the ImageDsl generator");
        }
        return configuration;
    }
}
