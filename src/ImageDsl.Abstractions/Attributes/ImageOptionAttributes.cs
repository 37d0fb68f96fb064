namespace ImageDsl;

/// <summary>
/// Splits the image into layers by package origin (apko <c>layering</c>). Without it the image has
/// one layer.
/// </summary>
/// <example><code>[Layering(Budget = 4)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LayeringAttribute : Attribute
{
    /// <summary>The grouping strategy; <c>origin</c> is the only one.</summary>
    public string Strategy { get; set; } = "origin";

    /// <summary>How many layers at most besides the last one (at least 1).</summary>
    public int Budget { get; set; }
}

/// <summary>The output format (apko <c>format</c>); <c>tar</c> is the only one supported.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FormatAttribute : Attribute
{
    /// <summary>Declares the format.</summary>
    public FormatAttribute(string format) => Format = format;

    /// <summary>The format name.</summary>
    public string Format { get; }
}

/// <summary>
/// The source repository and commit, <c>url@commit</c> (apko <c>vcs-url</c>). When absent the tool
/// may detect it from git. Not inherited from base classes, as apko does not take it from includes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class VcsUrlAttribute : Attribute
{
    /// <summary>Declares the VCS URL.</summary>
    public VcsUrlAttribute(string url) => Url = url;

    /// <summary>The <c>url@commit</c> text.</summary>
    public string Url { get; }
}

/// <summary>
/// An existing image to build on (apko <c>contents.baseimage</c>): an OCI layout folder
/// (<c>[BaseImage("base-layout")]</c>, as apko), or a registry reference
/// (<c>[BaseImage(Reference = "ghcr.io/acme/base:1")]</c>, ImageDsl's own: pulled with <c>publish</c>'s
/// credentials and pinned by digest in the lock file). Its layers are kept, its installed packages count
/// as installed and its config is inherited; see docs/design.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BaseImageAttribute : Attribute
{
    /// <summary>Declares a base image by <see cref="Reference"/> (set it).</summary>
    public BaseImageAttribute()
    {
    }

    /// <summary>Declares the base image layout folder.</summary>
    public BaseImageAttribute(string image) => Image = image;

    /// <summary>The OCI layout folder, or null when <see cref="Reference"/> names the base.</summary>
    public string? Image { get; }

    /// <summary>
    /// A registry reference (<c>host[:port]/repository[:tag][@sha256:…]</c>) instead of a layout folder
    /// (YAML <c>contents.baseimage.ref</c>).
    /// </summary>
    public string? Reference { get; set; }

    /// <summary>
    /// Optional: the folder with <c>&lt;arch&gt;/APKINDEX</c> (apko <c>apkindex</c>); without it the apk
    /// database is read from the base's layers.
    /// </summary>
    public string? ApkIndex { get; set; }
}

/// <summary>
/// Merges something under this class the way apko merges an <c>include:</c>d file: either an
/// apko.yaml (<c>[Include("base.yaml")]</c>, apko's deprecated <c>include</c>, resolved by the tool at
/// build time; one per class) or a fragment class (<c>[Include(typeof(NonRootUser))]</c>, merged by the
/// source generator; several allowed, applied in the order written, each fragment once).
/// </summary>
/// <example><code>[Include(typeof(NonRootUser))] [Include(typeof(Hardened))]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IncludeAttribute : Attribute
{
    /// <summary>Declares an included apko.yaml file.</summary>
    public IncludeAttribute(string path) => Path = path;

    /// <summary>Declares an included fragment: a class whose ImageDsl attributes are merged under this one.</summary>
    public IncludeAttribute(Type fragment) => Fragment = fragment;

    /// <summary>The file path, relative to the working directory or an include path; null for a fragment.</summary>
    public string? Path { get; }

    /// <summary>The fragment class; null for a file.</summary>
    public Type? Fragment { get; }
}
