namespace ImageDsl;

/// <summary>
/// The entrypoint command, shell-split into the OCI <c>Entrypoint</c> (apko <c>entrypoint.command</c>).
/// </summary>
/// <example><code>[Entrypoint("/usr/bin/hello --port 8080")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EntrypointAttribute : Attribute
{
    /// <summary>Declares an entrypoint without a command (use with <see cref="Type"/>).</summary>
    public EntrypointAttribute()
    {
    }

    /// <summary>Declares the entrypoint command.</summary>
    public EntrypointAttribute(string command) => Command = command;

    /// <summary>The command line; null when not given.</summary>
    public string? Command { get; }

    /// <summary>
    /// apko <c>entrypoint.type</c>: only <c>service-bundle</c> exists. <see cref="ServiceAttribute"/>
    /// already implies it, so set it only for a service bundle whose services come from packages.
    /// </summary>
    public string? Type { get; set; }
}

/// <summary>
/// A shell fragment run as <c>/bin/sh -c fragment</c>; it wins over the command
/// (apko <c>entrypoint.shell-fragment</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShellFragmentAttribute : Attribute
{
    /// <summary>Declares the shell fragment.</summary>
    public ShellFragmentAttribute(string fragment) => Fragment = fragment;

    /// <summary>The shell text.</summary>
    public string Fragment { get; }
}

/// <summary>The default arguments, shell-split into the OCI <c>Cmd</c> (apko <c>cmd</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CmdAttribute : Attribute
{
    /// <summary>Declares the command arguments.</summary>
    public CmdAttribute(string arguments) => Arguments = arguments;

    /// <summary>The argument line.</summary>
    public string Arguments { get; }
}

/// <summary>
/// An s6 service (apko <c>entrypoint.services</c>). Any service makes the entrypoint a
/// <c>service-bundle</c>: the image runs <c>/bin/s6-svscan /sv</c> and gets the <c>s6</c> package.
/// </summary>
/// <example><code>[Service("nginx", "/usr/sbin/nginx -g 'daemon off;'")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ServiceAttribute : Attribute
{
    /// <summary>Declares a service.</summary>
    /// <param name="name">The service directory name under <c>/sv</c>.</param>
    /// <param name="command">The command s6 runs.</param>
    public ServiceAttribute(string name, string command)
    {
        Name = name;
        Command = command;
    }

    /// <summary>The service name.</summary>
    public string Name { get; }

    /// <summary>The command line.</summary>
    public string Command { get; }
}
