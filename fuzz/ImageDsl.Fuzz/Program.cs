using ImageDsl.Fuzz;
using ImageDsl.Fuzz.Targets;
using SharpFuzz;

// Usage:
//   ImageDsl.Fuzz list
//   ImageDsl.Fuzz afl <target>                          (under afl-fuzz; fuzz/run.sh does this)
//   ImageDsl.Fuzz replay <target> <file|dir>...          (regressions, crashes found by afl)
//   ImageDsl.Fuzz smoke <corpus-root> <seconds> [target...]  (corpus once + in-process mutation; ./test.sh)
//   ImageDsl.Fuzz seed <corpus-root> <fixtures> <samples>    (rewrites the seed corpus)
FuzzTarget[] targets =
[
    new YamlTarget(), new ApkIndexTarget(), new ApkPackageTarget(), new VersionTarget(), new LockFileTarget(),
    new WwwAuthenticateTarget(), new RegistryJsonTarget(), new LayoutTarget(), new ElfTarget(), new TarPaxTarget(),
    new DepsJsonTarget(), new DeflateTarget(),
];
FuzzTarget Find(string name) => targets.FirstOrDefault(t => t.Name == name)
    ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", targets.Select(t => t.Name))}");

switch (args.FirstOrDefault())
{
    case "list":
        foreach (FuzzTarget target in targets)
        {
            Console.WriteLine($"{target.Name,-18} {target.Description}");
        }
        return 0;
    case "afl" when args.Length == 2:
        FuzzTarget afl = Find(args[1]);
        Fuzzer.OutOfProcess.Run(stream =>
        {
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            InputRunner.RunOne(afl, buffer.ToArray());
        });
        return 0;
    case "replay" when args.Length >= 3:
        return InputRunner.Replay(Find(args[1]), args[2..]);
    case "smoke" when args.Length >= 3:
        FuzzTarget[] chosen = args.Length > 3 ? args[3..].Select(Find).ToArray() : targets;
        return SmokeRun.Run(chosen, args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    case "seed" when args.Length == 4:
        FuzzSeeds.Write(args[1], args[2], args[3]);
        return 0;
    default:
        Console.Error.WriteLine("usage: ImageDsl.Fuzz list | afl <target> | replay <target> <file|dir>... | smoke <corpus-root> <seconds> [target...] | seed <corpus-root> <fixtures> <samples>");
        return 2;
}
