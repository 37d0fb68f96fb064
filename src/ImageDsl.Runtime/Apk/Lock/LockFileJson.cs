using System.Text.Json.Serialization;

namespace ImageDsl.Apk.Lock;

/// <summary>
/// The lock file's JSON contract, generated at compile time: reading needs no reflection, so a trimmed or
/// Native AOT tool reads lock files as the JIT one does (docs/benchmarks.md "Start-up and the sample").
/// </summary>
[JsonSerializable(typeof(LockFile))]
internal sealed partial class LockFileJson : JsonSerializerContext;
