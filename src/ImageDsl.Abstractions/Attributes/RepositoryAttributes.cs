namespace ImageDsl;

/// <summary>
/// A package repository used to build the image and written to its <c>/etc/apk/repositories</c>
/// (apko <c>contents.repositories</c>).
/// </summary>
/// <example><code>[Repository("https://packages.wolfi.dev/os")]
/// [Repository("https://dl-cdn.alpinelinux.org/alpine/edge/testing", Tag = "testing")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RepositoryAttribute : Attribute
{
    /// <summary>Declares a repository by URL or local path.</summary>
    public RepositoryAttribute(string url) => Url = url;

    /// <summary>The repository URL or local path.</summary>
    public string Url { get; }

    /// <summary>
    /// A tag (without the <c>@</c>) that packages pin to with <c>name@tag</c>; null for an untagged
    /// repository. Written to apko.yaml as <c>@tag URL</c>.
    /// </summary>
    public string? Tag { get; set; }
}

/// <summary>A repository used only to build, never written into the image (apko <c>contents.build_repositories</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BuildRepositoryAttribute : Attribute
{
    /// <summary>Declares a build-only repository by URL or local path.</summary>
    public BuildRepositoryAttribute(string url) => Url = url;

    /// <summary>The repository URL or local path.</summary>
    public string Url { get; }

    /// <summary>An optional tag (without the <c>@</c>), as on <see cref="RepositoryAttribute.Tag"/>.</summary>
    public string? Tag { get; set; }
}

/// <summary>A repository written into the image only, never used to build (apko <c>contents.runtime_repositories</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RuntimeRepositoryAttribute : Attribute
{
    /// <summary>Declares a runtime-only repository by URL or local path.</summary>
    public RuntimeRepositoryAttribute(string url) => Url = url;

    /// <summary>The repository URL or local path.</summary>
    public string Url { get; }

    /// <summary>An optional tag (without the <c>@</c>), as on <see cref="RepositoryAttribute.Tag"/>.</summary>
    public string? Tag { get; set; }
}

/// <summary>A public key file or URL that verifies indexes and packages (apko <c>contents.keyring</c>).</summary>
/// <example><code>[Keyring("https://packages.wolfi.dev/os/wolfi-signing.rsa.pub")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KeyringAttribute : Attribute
{
    /// <summary>Declares a key by local path or URL.</summary>
    public KeyringAttribute(string pathOrUrl) => PathOrUrl = pathOrUrl;

    /// <summary>The key's local path or URL.</summary>
    public string PathOrUrl { get; }
}

/// <summary>
/// An inline PEM public key written to <c>/etc/apk/keys/&lt;name&gt;</c> after install and never used
/// to verify the build (apko <c>contents.runtime_keyring</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RuntimeKeyAttribute : Attribute
{
    /// <summary>Declares a runtime key.</summary>
    /// <param name="name">The file name under <c>/etc/apk/keys</c>.</param>
    /// <param name="pem">The PEM text of the RSA public key.</param>
    public RuntimeKeyAttribute(string name, string pem)
    {
        Name = name;
        Pem = pem;
    }

    /// <summary>The file name under <c>/etc/apk/keys</c>.</summary>
    public string Name { get; }

    /// <summary>The PEM text.</summary>
    public string Pem { get; }
}
