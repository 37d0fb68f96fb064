using System.CommandLine;
using System.Text.Json.Nodes;
using ImageDsl.Progress;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.TestHost;

/// <summary>
/// `progress-demo` (only in the test host, not in the tool): drives the console reporter through every build
/// stage with made-up packages, quickly and with exact sizes, so the terminal tests can check live and plain
/// progress. `--hang` then waits for Ctrl+C, for the cancellation tests.
/// </summary>
public static class ProgressDemoCommand
{
    public static Command Create()
    {
        var delay = new Option<int>("--delay-ms") { Description = "Pause between reports.", DefaultValueFactory = _ => 10 };
        var hang = new Option<bool>("--hang") { Description = "After the demo, wait until cancelled (Ctrl+C or SIGTERM)." };
        Option<string> format = OutputFormatOption.Create();
        var command = new Command("progress-demo",
            "Show what build progress looks like, with made-up packages (for testing the console output).\n\n" +
            "Example:\n  dotnet image progress-demo --delay-ms 50")
        {
            delay,
            hang,
            format,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var pause = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(delay)));
            int steps;
            using (ConsoleProgress progress = ConsoleReporter.Create(parse, parse.InvocationConfiguration.Error))
            {
                steps = await RunAsync(progress, pause, cancellationToken);
                if (parse.GetValue(hang))
                {
                    progress.Step(BuildStage.Push, "waiting to be cancelled");
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            CommandOutput.Create(parse).WriteResult(
                new JsonObject { ["stages"] = Enum.GetValues<BuildStage>().Length, ["steps"] = steps },
                text => text.WriteLine($"progress demo finished: {steps} steps"));
            return 0;
        });
        return command;
    }

    private static readonly (string Name, long Size)[] Packages =
    [
        ("alpine-baselayout-data-3.6.8-r1", 11_520), ("busybox-1.37.0-r12", 512_331), ("ca-certificates-bundle-20241121-r1", 131_712),
        ("libcrypto3-3.3.3-r0", 1_843_200), ("libssl3-3.3.3-r0", 362_496), ("musl-1.2.5-r9", 411_648), ("zlib-1.3.1-r2", 53_248),
    ];

    private static async Task<int> RunAsync(IBuildProgress progress, TimeSpan pause, CancellationToken cancellationToken)
    {
        int steps = 0;
        async Task Step(BuildStage stage, string message)
        {
            progress.Step(stage, message);
            steps++;
            await Task.Delay(pause, cancellationToken);
        }

        async Task Transfer(BuildStage stage, string item, long size, int chunks)
        {
            for (int i = 0; i <= chunks; i++)
            {
                progress.Bytes(stage, item, size * i / chunks, size);
                await Task.Delay(pause, cancellationToken);
            }
        }

        await Step(BuildStage.Config, "demo.yaml: 1 image, archs amd64");
        progress.Debug("config checksum sha256:0000000000000000000000000000000000000000000000000000000000000000");
        await Step(BuildStage.Index, "https://dl-cdn.alpinelinux.org/alpine/v3.21/main x86_64: 5,624 packages");
        await Step(BuildStage.Resolve, $"amd64: {Packages.Length} packages");
        foreach (var (name, size) in Packages)
        {
            await Transfer(BuildStage.Fetch, name, size, 4);
        }
        await Step(BuildStage.Fetch, $"{Packages.Length} packages, {ByteSize.Format(Packages.Sum(p => p.Size))}");
        progress.Warning("demo: package busybox-1.37.0-r12 ships a setuid binary");
        await Step(BuildStage.Install, $"{Packages.Length} packages installed, 412 files");
        await Transfer(BuildStage.Layer, "sha256:1f2e3d4c5b6a", 3_276_800, 6);
        await Step(BuildStage.Layer, "1 layer, 3.1 MB");
        await Step(BuildStage.Write, "oci layout demo-out/ (index sha256:0123456789ab)");
        await Transfer(BuildStage.Push, "registry.example/demo@sha256:1f2e3d4c5b6a", 3_276_800, 6);
        await Step(BuildStage.Push, "registry.example/demo:latest");
        return steps;
    }
}
