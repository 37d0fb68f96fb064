using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using ImageDsl.Diagnostics;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// Reads an apko.yaml (or JSON, such as an image's `/etc/apko.json`): strict parsing with located errors,
/// `include:` merging, apko's config checksum, validation (all errors at once, in one
/// <see cref="ConfigurationException"/>), then apko's derived values.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Loads the file at <paramref name="path"/> (relative to the options' working directory).</summary>
    /// <exception cref="ConfigurationException">The configuration has errors; each is located.</exception>
    /// <exception cref="ImageDslException">The file cannot be read.</exception>
    public static LoadedConfiguration Load(string path, ConfigurationLoadOptions? options = null)
    {
        options ??= new ConfigurationLoadOptions();
        // As apko: the working directory first, then each --include-paths folder.
        string fullPath = IncludeResolver.Resolve(path, options.ResolveWorkingDirectory(), null, options.IncludePaths, out _)
            ?? Path.GetFullPath(path, options.ResolveWorkingDirectory());
        byte[] content = ReadAllBytes(fullPath, path);
        return new Session(options).Load(content, path, fullPath);
    }

    /// <summary>
    /// Parses configuration text that is not in a file (tests, `/etc/apko.json`). <paramref name="fileName"/>
    /// names it in diagnostics; includes resolve against the working directory and `--include-paths`.
    /// </summary>
    public static LoadedConfiguration Parse(string text, string fileName = "apko.yaml", ConfigurationLoadOptions? options = null) =>
        Parse(Encoding.UTF8.GetBytes(text), fileName, options);

    /// <summary>Parses configuration bytes (UTF-8) that are not in a file; see <see cref="Parse(string, string, ConfigurationLoadOptions?)"/>.</summary>
    public static LoadedConfiguration Parse(byte[] content, string fileName, ConfigurationLoadOptions? options = null) =>
        new Session(options ?? new ConfigurationLoadOptions()).Load(content, fileName, fullPath: null);

    private static byte[] ReadAllBytes(string fullPath, string shownAs)
    {
        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"configuration file '{shownAs}' not found ({fullPath})",
                "Check the path; relative paths resolve against the working directory (-C), then each --include-paths folder.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"cannot read configuration file '{shownAs}': {error.Message}",
                "Check that the file exists and is readable.", error);
        }
    }

    // YAML's printable characters: no C0 or C1 controls except tab, line feed, carriage return and NEL.
    private static readonly SearchValues<char> YamlPrintable = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(c => c is '\t' or '\n' or '\r' or '\u0085' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f) && c < 0xfffe))
            .ToArray());

    /// <summary>One load: the files read so far, the running checksum and the findings.</summary>
    private sealed class Session(ConfigurationLoadOptions options)
    {
        private readonly string _workingDirectory = options.ResolveWorkingDirectory();
        private readonly DiagnosticCollector _diagnostics = new();
        private readonly IncrementalHash _checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly List<string> _files = [];

        public LoadedConfiguration Load(byte[] content, string shownAs, string? fullPath)
        {
            var (configuration, locations) = ReadFile(content, shownAs, fullPath, []);
            _diagnostics.ThrowIfErrors();
            string checksum = "sha256-" + Convert.ToBase64String(_checksum.GetHashAndReset());

            configuration = CommandLineAdditions.Apply(configuration with { Include = null }, options, locations, _diagnostics);
            ValidationResult validation = ConfigurationValidator.Validate(configuration, locations);
            foreach (ConfigurationDiagnostic diagnostic in validation.Errors.Concat(validation.Warnings))
            {
                _diagnostics.Add(diagnostic.Info, new SourceLocation(diagnostic.File, diagnostic.Line, diagnostic.Column), diagnostic.Message);
            }
            _diagnostics.ThrowIfErrors();
            return new LoadedConfiguration(ConfigurationDeriver.Derive(configuration), checksum, _files.ToArray(),
                _diagnostics.Warnings.ToArray(), locations);
        }

        private (ImageConfiguration, SourceMap) ReadFile(byte[] content, string shownAs, string? fullPath, IReadOnlyList<(string Full, string Shown)> chain)
        {
            _checksum.AppendData(content);
            _files.Add(fullPath ?? shownAs);
            _diagnostics.NoteFile(shownAs);
            var locations = new SourceMap(new SourceLocation(shownAs, 1, 1));
            if (Decode(content, shownAs) is not { } text)
            {
                return (new ImageConfiguration(), locations);
            }
            YamlTreeNode? root = YamlTreeReader.Read(text, shownAs, _diagnostics, out bool empty);
            if (empty || root is YamlTreeScalar { IsNull: true })
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidDocument, locations.Root, "the configuration file is empty");
                return (new ImageConfiguration(), locations);
            }
            if (root is null)
            {
                return (new ImageConfiguration(), locations); // not YAML: already reported
            }
            ImageConfiguration configuration = ConfigurationBinder.Bind(root, locations, _diagnostics);
            configuration = ResolveLocalContent(configuration, fullPath, locations);
            if (configuration.Include is not { } include)
            {
                return (configuration, locations);
            }
            return MergeInclude(configuration, locations, include, fullPath, [.. chain, (fullPath ?? shownAs, shownAs)]);
        }

        /// <summary>
        /// `contents.local` folders resolve against the folder of the file that names them (so an included
        /// file's folders are its own), and must exist: a missing one is reported where it is written.
        /// </summary>
        private ImageConfiguration ResolveLocalContent(ImageConfiguration configuration, string? fullPath, SourceMap locations)
        {
            if (configuration.Contents.Local.IsEmpty)
            {
                return configuration;
            }
            string baseDirectory = fullPath is null ? _workingDirectory : Path.GetDirectoryName(fullPath) ?? _workingDirectory;
            var resolved = new List<LocalContent>();
            for (int i = 0; i < configuration.Contents.Local.Count; i++)
            {
                LocalContent content = configuration.Contents.Local[i];
                if (content.Path.Trim().Length == 0 || content.Path.Contains('\0'))
                {
                    resolved.Add(content); // the validator reports it
                    continue;
                }
                string full = Path.GetFullPath(content.Path, baseDirectory);
                if (!Directory.Exists(full))
                {
                    _diagnostics.Report(DiagnosticCatalog.LocalContentMissing, locations.Locate(MemberPath.Item("Contents.Local", i) + ".Path"),
                        content.Path, full);
                }
                resolved.Add(content with { Path = full });
            }
            return configuration with { Contents = configuration.Contents with { Local = resolved.ToValueList() } };
        }

        private (ImageConfiguration, SourceMap) MergeInclude(ImageConfiguration configuration, SourceMap locations, string include,
            string? includerPath, IReadOnlyList<(string Full, string Shown)> chain)
        {
            SourceLocation at = locations.Locate("Include");
            string? resolved = IncludeResolver.Resolve(include, _workingDirectory, Path.GetDirectoryName(includerPath),
                options.IncludePaths, out IReadOnlyList<string> tried);
            if (resolved is null)
            {
                _diagnostics.Report(DiagnosticCatalog.IncludeMissing, at, include, string.Join(", ", tried));
                return (configuration, locations);
            }
            string shown = ShowPath(resolved);
            int cycleStart = chain.ToList().FindIndex(link => link.Full == resolved);
            if (cycleStart >= 0)
            {
                IEnumerable<string> names = chain.Skip(cycleStart).Select(link => link.Shown).Append(shown);
                _diagnostics.Report(DiagnosticCatalog.IncludeCycle, at, string.Join(" -> ", names));
                return (configuration, locations);
            }
            byte[] content = ReadAllBytes(resolved, include);
            var (included, includedLocations) = ReadFile(content, shown, resolved, chain);
            return ConfigurationMerger.Merge(included, includedLocations, configuration, locations);
        }

        private string ShowPath(string fullPath)
        {
            string relative = Path.GetRelativePath(_workingDirectory, fullPath);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        }

        private void ReportNotText(ReadOnlySpan<char> before, string shownAs, string why)
        {
            int line = before.Count('\n') + 1;
            int column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
            _diagnostics.Add(DiagnosticCatalog.InvalidDocument, new SourceLocation(shownAs, line, column), "not a YAML text file: " + why);
        }

        /// <summary>Strict UTF-8 (as yaml.v3 requires); an invalid byte is reported at its line and column.</summary>
        private string? Decode(byte[] content, string shownAs)
        {
            ReadOnlySpan<byte> bytes = content;
            if (bytes.StartsWith(Encoding.UTF8.Preamble))
            {
                bytes = bytes[Encoding.UTF8.Preamble.Length..];
            }
            char[] chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
            try
            {
                OperationStatus status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
                // Report whichever comes first: a control character, or a byte that is not UTF-8.
                int control = chars.AsSpan(0, written).IndexOfAnyExcept(YamlPrintable);
                if (control >= 0)
                {
                    ReportNotText(chars.AsSpan(0, control), shownAs, $"the control character U+{(int)chars[control]:X4} is not allowed in YAML");
                    return null;
                }
                if (status != OperationStatus.Done)
                {
                    ReportNotText(chars.AsSpan(0, written), shownAs, $"byte 0x{bytes[read]:x2} at offset {read} is not valid UTF-8");
                    return null;
                }
                return new string(chars, 0, written);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
