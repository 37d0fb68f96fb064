using ImageDsl.Generator.Helpers;

namespace ImageDsl.Generator.Model;

/// <summary>
/// A lock file as the build plan needs it (equatable, so the generator reads a lock file once per content).
/// </summary>
/// <param name="ImageName">The image it belongs to: the file name without <c>.lock.json</c>.</param>
/// <param name="FileName">The file name, as the plan records it.</param>
/// <param name="ConfigChecksum">The lock's <c>config.checksum</c> ("" when absent).</param>
/// <param name="Packages">Every pinned package, each arch's in install order.</param>
internal sealed record LockSpec(string ImageName, string FileName, string ConfigChecksum, EquatableArray<PinnedSpec> Packages);

/// <summary>One pinned package: mirrors ImageDsl.Model.PinnedPackage.</summary>
internal sealed record PinnedSpec(string Name, string Version, string Architecture, string Checksum, string Repository);

/// <summary>An image to emit and, when the project has its lock file, the plan compiled from it.</summary>
internal sealed record PlannedImageSpec(ImageSpec Image, LockSpec? Lock);
