namespace ImageDsl;

/// <summary>An environment variable (apko <c>environment</c>).</summary>
/// <example><code>[Env("PATH", "/usr/sbin:/sbin:/usr/bin:/bin")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvAttribute : Attribute
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public EnvAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}

/// <summary>The working directory, an absolute path (apko <c>work-dir</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WorkDirAttribute : Attribute
{
    /// <summary>Declares the working directory.</summary>
    public WorkDirAttribute(string path) => Path = path;

    /// <summary>The absolute path.</summary>
    public string Path { get; }
}

/// <summary>The signal that stops the container, e.g. <c>SIGQUIT</c> (apko <c>stop-signal</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StopSignalAttribute : Attribute
{
    /// <summary>Declares the stop signal.</summary>
    public StopSignalAttribute(string signal) => Signal = signal;

    /// <summary>A signal name (<c>SIGTERM</c>, <c>TERM</c>) or number.</summary>
    public string Signal { get; }
}

/// <summary>A volume mount point (apko <c>volumes</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class VolumeAttribute : Attribute
{
    /// <summary>Declares a volume.</summary>
    public VolumeAttribute(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }
}

/// <summary>
/// An annotation on the manifest and index, also copied to the config labels (apko <c>annotations</c>).
/// </summary>
/// <example><code>[Annotation("org.opencontainers.image.source", "https://github.com/acme/app")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AnnotationAttribute : Attribute
{
    /// <summary>Sets the annotation <paramref name="key"/>.</summary>
    public AnnotationAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key; must match <c>^[a-z0-9-.]+$</c>.</summary>
    public string Key { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}
