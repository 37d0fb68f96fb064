using System.CommandLine;
using System.Text;
using ImageDsl.Config;
using ImageDsl.Config.CSharp;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image import &lt;apko.yaml&gt;`: an apko configuration as a C# image class.</summary>
internal static class ImportCommand
{
    public const string DefaultNamespace = "Images";

    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "The apko.yaml to import (its includes are merged in)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the C# file here (atomically) instead of to standard output." };
        var @namespace = new Option<string?>("--namespace") { Description = $"The class's namespace (default: {DefaultNamespace}; \"\" for none)." };
        var @class = new Option<string?>("--class") { Description = "The class name (default: the output file's name, else the configuration's, in PascalCase)." };
        var name = new Option<string?>("--name") { Description = "The image name for [Image] (default: the configuration's file name without extension)." };
        var includePaths = new Option<string[]>("--include-paths") { Description = "Folders searched for `include:` files not found relative to the working directory." };
        var command = new Command("import",
            "Convert an apko configuration to a C# image class: includes are merged, the result is validated, and apko's " +
            "derived values (the s6 entrypoint, /home/<user>) are left for the build to fill in again. Compile the class in a " +
            "project that references ImageDsl (docs/dsl.md); its Configuration equals the configuration read here.\n\n" +
            "Example:\n  dotnet image import samples/hello/hello.yaml -o samples/ImageDsl.Samples/Hello.cs --namespace Samples")
        {
            config, output, @namespace, @class, name, includePaths,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(config)!;
            string? target = parse.GetValue(output);
            var options = new ConfigurationLoadOptions
            {
                IncludePaths = OptionValues.Split(parse.GetValue(includePaths)),
            };
            LoadedConfiguration loaded = ConfigurationLoader.Load(path, options);
            Reporting.Warnings(parse, loaded);
            string source = Convert(loaded,
                parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(path),
                parse.GetValue(@namespace) ?? DefaultNamespace,
                parse.GetValue(@class) ?? ClassName(target is null ? path : target));
            if (target is null)
            {
                parse.InvocationConfiguration.Output.Write(source);
            }
            else
            {
                TextFileOutput.Write(target, source);
                parse.InvocationConfiguration.Error.WriteLine($"wrote {target}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The C# source of a loaded configuration, with the derived values taken out.</summary>
    /// <exception cref="ImageDslException">The namespace or class name is not a C# name (exit 2).</exception>
    public static string Convert(LoadedConfiguration loaded, string imageName, string @namespace, string className)
    {
        try
        {
            return CSharpImageWriter.Write(DerivedValues.Remove(loaded.Configuration), imageName, @namespace, className);
        }
        catch (ArgumentException error)
        {
            throw new ImageDslException(ErrorKind.Configuration, error.Message.Split(" (Parameter", 2)[0],
                "Use C# identifiers: --class MyImage, --namespace Acme.Images.");
        }
    }

    /// <summary>A file name as a PascalCase C# identifier: `nginx-rootless.yaml` → `NginxRootless`.</summary>
    public static string ClassName(string path)
    {
        string stem = Path.GetFileName(path);
        int dot = stem.IndexOf('.', 1);
        stem = dot > 0 ? stem[..dot] : stem;
        var name = new StringBuilder();
        bool upper = true;
        foreach (char c in stem)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, "Image");
        }
        return name.ToString();
    }
}
