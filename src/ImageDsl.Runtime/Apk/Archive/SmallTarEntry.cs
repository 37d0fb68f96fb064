namespace ImageDsl.Apk.Archive;

/// <summary>An entry of a small in-memory tar (signature or control member).</summary>
/// <param name="Name">The entry name, PAX/GNU long names applied.</param>
/// <param name="TypeFlag">The tar type flag ('0' regular, '5' directory, '2' symlink...).</param>
/// <param name="Mode">Permission bits.</param>
/// <param name="Content">The entry's bytes (empty for non-files).</param>
/// <param name="PaxRecords">PAX extended header records that applied to this entry.</param>
public sealed record SmallTarEntry(string Name, char TypeFlag, int Mode, byte[] Content, IReadOnlyDictionary<string, string> PaxRecords);
