namespace ImageDsl.Sbom;

/// <summary>
/// The NuGet packages of the .NET app(s) in one package the build made from local content, read from
/// the `*.deps.json` files it installs (a `dotnet publish` output has one per app).
/// </summary>
/// <param name="DepsFiles">The deps files read (absolute paths in the image), sorted.</param>
/// <param name="Libraries">Every NuGet library, sorted by name (case-insensitive, then ordinal) and version.</param>
/// <param name="Direct">
/// The <see cref="NuGetLibrary.Key"/>s the app itself depends on: the dependencies of its `project`
/// libraries, plus any library nothing else in the file depends on (so every library is reachable from the app).
/// </param>
public sealed record NuGetDependencies(IReadOnlyList<string> DepsFiles, IReadOnlyList<NuGetLibrary> Libraries, IReadOnlyList<string> Direct);
