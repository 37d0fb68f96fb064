using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ImageDsl.Model;

namespace ImageDsl.Config.CSharp;

/// <summary>
/// Writes an image model as a C# image class using the ImageDsl attributes (<c>dotnet image import</c>).
/// Compiled with the ImageDsl generator, the class's <c>Configuration</c> equals the model written,
/// provided empty sections are null (an empty <c>accounts:</c>, <c>certificates:</c> or
/// <c>entrypoint:</c> mapping has no attribute form) and services come with the service-bundle type,
/// which C# services imply.
/// </summary>
public static partial class CSharpImageWriter
{
    private const string Indent = "    ";

    /// <summary>Writes <paramref name="config"/> as <c>[Image(imageName)] public partial class className;</c>.</summary>
    /// <param name="config">The model to write.</param>
    /// <param name="imageName">The image name for <c>[Image]</c>.</param>
    /// <param name="namespace">A dotted namespace, or empty for the global namespace.</param>
    /// <param name="className">The class name, a C# identifier.</param>
    /// <returns>The C# source text, ending with a newline.</returns>
    /// <exception cref="ArgumentException">The namespace or class name is not a C# name.</exception>
    public static string Write(ImageConfiguration config, string imageName, string @namespace, string className)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(imageName);
        if (!Identifier().IsMatch(className))
        {
            throw new ArgumentException($"'{className}' is not a C# class name", nameof(className));
        }
        if (@namespace.Length > 0 && !@namespace.Split('.').All(Identifier().IsMatch))
        {
            throw new ArgumentException($"'{@namespace}' is not a C# namespace", nameof(@namespace));
        }

        var text = new StringBuilder("using ImageDsl;\n\n");
        if (@namespace.Length > 0)
        {
            text.Append("namespace ").Append(@namespace).Append(";\n\n");
        }
        foreach (string attribute in Attributes(config, imageName))
        {
            text.Append('[').Append(attribute).Append("]\n");
        }
        return text.Append("public partial class ").Append(className).Append(";\n").ToString();
    }

    /// <summary>The attributes in apko.yaml's order of sections.</summary>
    private static IEnumerable<string> Attributes(ImageConfiguration c, string imageName)
    {
        yield return Call("Image", Str(imageName));
        foreach (string a in Contents(c.Contents))
        {
            yield return a;
        }
        if (!c.Archs.IsEmpty)
        {
            yield return Call("Arch", c.Archs.Select(a => "Arch." + a.ToArch()).ToArray());
        }
        foreach (string a in Entrypoint(c.Entrypoint))
        {
            yield return a;
        }
        if (c.Cmd is { } cmd)
        {
            yield return Call("Cmd", Str(cmd));
        }
        if (c.WorkDir is { } workDir)
        {
            yield return Call("WorkDir", Str(workDir));
        }
        if (c.StopSignal is { } signal)
        {
            yield return Call("StopSignal", Str(signal));
        }
        foreach (string a in Accounts(c.Accounts))
        {
            yield return a;
        }
        foreach (var (name, value) in c.Environment)
        {
            yield return Call("Env", Str(name), Str(value));
        }
        foreach (PathMutation path in c.Paths)
        {
            yield return Path(path);
        }
        foreach (string volume in c.Volumes)
        {
            yield return Call("Volume", Str(volume));
        }
        foreach (var (key, value) in c.Annotations)
        {
            yield return Call("Annotation", Str(key), Str(value));
        }
        if (c.Layering is { } layering)
        {
            yield return Call("Layering", Named(
                ("Strategy", layering.Strategy == ImageLayering.Origin ? null : Str(layering.Strategy)),
                ("Budget", layering.Budget.ToString(CultureInfo.InvariantCulture))));
        }
        foreach (AdditionalCertificate certificate in c.Certificates?.Additional ?? ValueList<AdditionalCertificate>.Empty)
        {
            yield return Call("Certificate", Str(certificate.Name), Text(certificate.Content));
        }
        foreach (string provider in c.Certificates?.Providers ?? ValueList<string>.Empty)
        {
            yield return Call("CertificateProvider", Str(provider));
        }
        if (c.VcsUrl is { } vcs)
        {
            yield return Call("VcsUrl", Str(vcs));
        }
        if (c.Format is { } format)
        {
            yield return Call("Format", Str(format));
        }
        if (c.Include is { } include)
        {
            yield return Call("Include", Str(include));
        }
    }

    private static IEnumerable<string> Contents(ImageContents contents)
    {
        foreach (string repository in contents.Repositories)
        {
            yield return Repository("Repository", repository);
        }
        foreach (string repository in contents.BuildRepositories)
        {
            yield return Repository("BuildRepository", repository);
        }
        foreach (string repository in contents.RuntimeRepositories)
        {
            yield return Repository("RuntimeRepository", repository);
        }
        foreach (string key in contents.Keyring)
        {
            yield return Call("Keyring", Str(key));
        }
        foreach (RuntimeKey key in contents.RuntimeKeyring)
        {
            yield return Call("RuntimeKey", Str(key.Name), Text(key.Content));
        }
        foreach (string package in contents.Packages)
        {
            yield return Call("Package", Str(package));
        }
        if (contents.BaseImage is { } baseImage)
        {
            yield return baseImage.Image is null && baseImage.Reference is not null
                ? Call("BaseImage", Named(("Reference", Opt(baseImage.Reference)), ("ApkIndex", Opt(baseImage.ApkIndex))))
                : Call("BaseImage", Str(baseImage.Image ?? ""), Named(("ApkIndex", Opt(baseImage.ApkIndex))));
        }
    }

    /// <summary><c>@tag URL</c> becomes <c>[Repository("URL", Tag = "tag")]</c>.</summary>
    private static string Repository(string attribute, string repository)
    {
        string[] parts = repository.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[0].StartsWith('@')
            ? Call(attribute, Str(parts[1].Trim()), Named(("Tag", Str(parts[0][1..]))))
            : Call(attribute, Str(repository));
    }

    private static IEnumerable<string> Entrypoint(ImageEntrypoint? entrypoint)
    {
        if (entrypoint is null)
        {
            yield break;
        }
        // Services imply the service-bundle type, so it is written only when nothing implies it.
        bool typeImplied = entrypoint.Type == ImageEntrypoint.ServiceBundle && !entrypoint.Services.IsEmpty;
        string? type = typeImplied ? null : Opt(entrypoint.Type);
        if (entrypoint.Command is not null || type is not null || (entrypoint.ShellFragment is null && entrypoint.Services.IsEmpty))
        {
            var arguments = new List<string>();
            if (entrypoint.Command is { } command)
            {
                arguments.Add(Str(command));
            }
            arguments.Add(Named(("Type", type)));
            yield return Call("Entrypoint", arguments.ToArray());
        }
        if (entrypoint.ShellFragment is { } fragment)
        {
            yield return Call("ShellFragment", Text(fragment));
        }
        foreach (var (name, command) in entrypoint.Services)
        {
            yield return Call("Service", Str(name), Str(command));
        }
    }

    private static IEnumerable<string> Accounts(ImageAccounts? accounts)
    {
        if (accounts is null)
        {
            yield break;
        }
        foreach (UserAccount user in accounts.Users)
        {
            yield return Call("User", Str(user.UserName), Named(
                ("Uid", Id(user.Uid)), ("Gid", Id(user.Gid)), ("Shell", Opt(user.Shell)), ("Home", Opt(user.HomeDir))));
        }
        foreach (GroupAccount group in accounts.Groups)
        {
            yield return Call("Group", Str(group.GroupName), Named(
                ("Gid", Id(group.Gid)),
                ("Members", group.Members.IsEmpty ? null : "[" + string.Join(", ", group.Members.Select(Str)) + "]")));
        }
        if (accounts.RunAs is { } runAs)
        {
            bool numeric = uint.TryParse(runAs, NumberStyles.None, CultureInfo.InvariantCulture, out uint uid)
                && uid.ToString(CultureInfo.InvariantCulture) == runAs;
            yield return Call("RunAs", numeric ? runAs : Str(runAs));
        }
    }

    private static string Path(PathMutation path)
    {
        bool link = path.Type is PathMutationType.Symlink or PathMutationType.Hardlink;
        var arguments = new List<string> { Str(path.Path) };
        if (link)
        {
            arguments.Add(path.Source is null ? "null!" : Str(path.Source));
        }
        arguments.Add(Named(
            ("Mode", path.Permissions is { } bits ? Str("0" + Convert.ToString(bits, 8).PadLeft(3, '0')) : null),
            ("Uid", Id(path.Uid)),
            ("Gid", Id(path.Gid)),
            ("Recursive", path.Recursive ? "true" : null),
            ("Source", link ? null : Opt(path.Source))));
        return Call(path.Type.ToString(), arguments.ToArray());
    }

    private static string Call(string attribute, params string[] arguments)
    {
        string[] given = arguments.Where(a => a.Length > 0).ToArray();
        return given.Length == 0 ? attribute : attribute + "(" + string.Join(", ", given) + ")";
    }

    /// <summary>Named arguments, leaving out those whose value is null; "" when none is left.</summary>
    private static string Named(params (string Name, string? Value)[] arguments) =>
        string.Join(", ", arguments.Where(a => a.Value is not null).Select(a => a.Name + " = " + a.Value));

    private static string Str(string value) => CSharpLiteral.Quoted(value);

    private static string? Opt(string? value) => value is null ? null : Str(value);

    /// <summary>Multi-line text (PEM) as a raw literal indented under its attribute.</summary>
    private static string Text(string value) => CSharpLiteral.Best(value, Indent);

    private static string? Id(uint? id) => id?.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^@?[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)] // \z: `$` would accept a final newline
    private static partial Regex Identifier();
}
