namespace ImageDsl;

/// <summary>
/// Packages to install (apko <c>contents.packages</c>): <c>name</c>, <c>name=1.2.3-r0</c>,
/// <c>name&gt;=1.2</c>, <c>name~1.2</c>, <c>name@tag</c> or <c>!name</c>.
/// </summary>
/// <example><code>[Package("nginx>=1.24", "ca-certificates-bundle")]
/// [Package("curl")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PackageAttribute : Attribute
{
    /// <summary>Declares one or more package constraints, installed in the order given.</summary>
    public PackageAttribute(params string[] constraints) => Constraints = constraints;

    /// <summary>The constraints as written.</summary>
    public string[] Constraints { get; }
}
