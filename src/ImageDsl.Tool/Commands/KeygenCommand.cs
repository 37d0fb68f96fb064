using System.CommandLine;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image keygen`: a new RSA key pair for signing packages and indexes.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = "Key name: writes <name>.rsa and <name>.rsa.pub (default: imagedsl).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "imagedsl",
        };
        var output = new Option<string>("--output-dir", "-o")
        {
            Description = "Folder to write the keys to (default: the current folder).",
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var bits = new Option<int>("--bits")
        {
            Description = "RSA key size in bits (2048..8192; default 4096).",
            DefaultValueFactory = _ => 4096,
        };
        var command = new Command("keygen",
            "Generate an RSA key pair for signing packages (pack --sign) and indexes (index --sign).\n" +
            "The private key is PKCS#8 PEM with mode 0600; the public key (SPKI PEM) goes into keyrings.\n\n" +
            "Example:\n  dotnet image keygen sample -o samples/keys")
        {
            name, output, force, bits,
        };
        command.SetAction(parse =>
        {
            (string privatePath, string publicPath) = Run(parse.GetValue(name)!, parse.GetValue(output)!, parse.GetValue(force), parse.GetValue(bits));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {privatePath} (private: keep it secret)");
            parse.InvocationConfiguration.Output.WriteLine($"wrote {publicPath} (public: add it to keyrings)");
            return 0;
        });
        return command;
    }

    /// <summary>Writes the pair; returns the private and public key paths.</summary>
    public static (string Private, string Public) Run(string name, string directory, bool force, int bits)
    {
        string baseName = name.EndsWith(".rsa.pub", StringComparison.Ordinal) ? name[..^8]
            : name.EndsWith(".rsa", StringComparison.Ordinal) ? name[..^4] : name;
        if (baseName.Length == 0 || baseName.IndexOfAny(['/', '\\']) >= 0 || baseName.StartsWith('.'))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"key name '{name}' is not a plain file name",
                "Give a name like 'sample' and the folder with -o.");
        }
        if (bits is < 2048 or > 8192)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"--bits {bits} is outside 2048..8192", "Use 4096 (the default) or 2048.");
        }
        Directory.CreateDirectory(directory);
        string privatePath = Path.Combine(directory, baseName + ".rsa");
        string publicPath = privatePath + ".pub";
        foreach (string path in new[] { privatePath, publicPath })
        {
            if (!force && File.Exists(path))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"refusing to overwrite {path}",
                    "Pass --force to replace the existing key pair, or choose another name.");
            }
        }
        using ApkPrivateKey key = ApkPrivateKey.Generate(baseName + ".rsa.pub", bits);
        WriteAtomically(privatePath, key.ExportPrivatePem(), secret: true, force);
        WriteAtomically(publicPath, key.ExportPublicPem(), secret: false, force);
        return (privatePath, publicPath);
    }

    private static void WriteAtomically(string path, string text, bool secret, bool force)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the start: the private key is never readable by others, even briefly.
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        try
        {
            using (var writer = new StreamWriter(new FileStream(temp, options)))
            {
                writer.Write(text);
            }
            File.Move(temp, path, overwrite: force);
        }
        catch (IOException e)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write {path}: {e.Message}",
                File.Exists(path) && !force ? "Pass --force to replace it." : "Check that the folder is writable.", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
