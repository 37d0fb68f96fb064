namespace ImageDsl;

/// <summary>
/// Packages to install (apko <c>contents.packages</c>): <c>name</c>, <c>name=1.2.3-r0</c>,
/// <c>name&gt;=1.2</c>, <c>name~1.2</c>, <c>name@tag</c> or <c>!name</c>; or a member of a package
/// catalogue (docs/package-catalogues.md), which names the package.
/// </summary>
/// <example><code>[Package("nginx>=1.24", "ca-certificates-bundle")]
/// [Package("curl")]
/// [Package(Packages.Nginx, Packages.CaCertificatesBundle)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PackageAttribute : Attribute
{
    /// <summary>Declares one or more package constraints, installed in the order given.</summary>
    public PackageAttribute(params string[] constraints) => Constraints = constraints;

    /// <summary>
    /// Declares packages by their catalogue members (<c>[Package(Packages.Nginx)]</c>), optionally mixed with
    /// constraint strings. A catalogue is an enum, which keeps a 5,000-package catalogue cheap to compile; the
    /// analyzers report any other value (IMG0004).
    /// </summary>
    public PackageAttribute(params object[] packages) =>
        Constraints = Array.ConvertAll(packages ?? [], p => p?.ToString() ?? "");

    /// <summary>The constraints as written (a catalogue member by its member name; the generator resolves it to the package name).</summary>
    public string[] Constraints { get; }
}
