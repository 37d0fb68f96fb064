using System.Text;
using ImageDsl.Apk.Lock;

namespace ImageDsl.Fuzz.Targets;

/// <summary>Lock files: <see cref="LockFile.Parse"/>, then what a build reads from one, and writing it back.</summary>
internal sealed class LockFileTarget : FuzzTarget
{
    public override string Name => "lock";

    public override string Description => "the whole input is an apko lock file (JSON)";

    public override void Run(byte[] input)
    {
        LockFile lockFile = LockFile.Parse(Encoding.UTF8.GetString(input), "fuzz.lock.json");
        foreach (string arch in new[] { "x86_64", "aarch64", "noarch" })
        {
            _ = lockFile.PackagesFor(arch).Count;
        }
        string json = lockFile.ToJson();
        LockFile.Parse(json, "rewritten.lock.json");
        lockFile.CheckConfiguration("fuzz.lock.json", "fuzz.yaml", "sha256-x");
    }
}
