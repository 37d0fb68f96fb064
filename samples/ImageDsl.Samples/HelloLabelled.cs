using ImageDsl;

namespace ImageDsl.Samples;

/// <summary>
/// An image derived from another image: everything of <see cref="HelloMinimal"/>, plus annotations, a volume
/// and one environment value overridden (maps are unioned, the derived class winning; lists are appended).
/// </summary>
[Image("hello-labelled")]
[Env("GREETING", "hello from a derived image")]
[Annotation("org.opencontainers.image.title", "hello")]
[Annotation("org.opencontainers.image.vendor", "ImageDsl samples")]
[Volume("/home/hello/data")]
public partial class HelloLabelled : HelloMinimal;
