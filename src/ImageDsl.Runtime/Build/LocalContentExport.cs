using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// Makes a configuration with `contents.local` buildable by apko: the folders are packed into a signed
/// repository on disk, and the entries are replaced by that repository (a build repository, so it is not
/// written into the image), its public key and the packages' `name=version`.
/// </summary>
public static class LocalContentExport
{
    /// <summary>Writes the repository under <paramref name="folder"/> and returns the rewritten configuration.</summary>
    /// <param name="configuration">The configuration; its local paths must be absolute (or relative to the working directory).</param>
    /// <param name="folder">Where the repository (`repository/&lt;arch&gt;/`) and key (`keys/`) go.</param>
    /// <param name="buildDate">The packages' build date and file times (Unix seconds).</param>
    public static ImageConfiguration Write(ImageConfiguration configuration, string folder, long buildDate)
    {
        IReadOnlyList<Architecture> archs = configuration.Archs.IsEmpty ? Architecture.All : configuration.Archs;
        string root = Path.GetFullPath(folder);
        LocalContentRepository? repository = LocalContentRepository.CreateIn(configuration, archs, root, buildDate);
        if (repository is null)
        {
            return configuration;
        }
        ImageContents contents = configuration.Contents;
        return configuration with
        {
            Contents = contents with
            {
                Local = ValueList<LocalContent>.Empty,
                BuildRepositories = [.. contents.BuildRepositories, repository.Repository],
                Keyring = [.. contents.Keyring, repository.KeyFile],
                Packages = [.. contents.Packages, .. repository.World],
            },
        };
    }
}
