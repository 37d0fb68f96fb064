using System.Diagnostics;
using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Hostile package content and configs through the real `dotnet-image` binary, in its own process: the
/// documented exit code, one error line naming the package and file (or the config line), no stack trace,
/// no output written, and (for the alias bomb) a managed heap capped at 256 MiB that the refusal fits in.
/// </summary>
public sealed class HostileContentProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-hostile-content-cli");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_setuid_file_owned_by_uid_2_to_the_32_is_refused_with_exit_code_5()
    {
        string repo = _temp.Combine("repo");
        string arch = Path.Combine(repo, "x86_64");
        Directory.CreateDirectory(arch);
        using ApkPrivateKey key = ApkPrivateKey.Generate("hostile.rsa.pub", 2048);
        File.WriteAllText(_temp.Combine("hostile.rsa.pub"), key.ExportPublicPem());
        // 2^32 truncated to 32 bits is 0: without the check this file becomes a setuid-root binary in the image.
        PackEntry[] entries = [PackEntry.Directory("bin"), PackEntry.File("bin/su", Encoding.UTF8.GetBytes("#!/bin/sh\n"), mode: 0x9ED) with { Uid = 4294967296 }];
        var info = new PackageInfo { Name = "suid", Version = "1.0-r0", Arch = "x86_64", Origin = "suid", BuildDate = 1700000000 };
        ApkPackageWriter.WriteFile(Path.Combine(arch, "suid-1.0-r0.apk"), info, entries, key);
        ApkIndexWriter.WriteFile(Path.Combine(arch, "APKINDEX.tar.gz"), ApkIndexWriter.ScanDirectory(arch, "x86_64"), "hostile", key);
        string config = _temp.Combine("suid.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repo}]
              keyring: [{_temp.Combine("hostile.rsa.pub")}]
              packages: [suid]
            archs: [amd64]
            """);

        var (exit, _, err) = await RunAsync([], "build", config, "hostile:latest", _temp.Combine("out.tar"),
            "--cache-dir", _temp.Combine("cache"), "--sbom=false", "--vcs=false");

        Assert.True(exit == 5, $"exit {exit}: {err}");
        Assert.Contains("package suid-1.0-r0", err);
        Assert.Contains("entry 'bin/su' has uid 4294967296, outside the accepted 0..2147483647", err);
        Assert.Contains("hint: ", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(File.Exists(_temp.Combine("out.tar")));
    }

    [Fact]
    public async Task A_large_scalar_aliased_hundreds_of_times_is_a_configuration_error_within_a_capped_heap()
    {
        var yaml = new StringBuilder("contents:\n  repositories: [https://example.org/alpine]\n  packages: [&big \"")
            .Append('x', 1 << 20).Append("\"]\nenvironment:\n");
        for (int i = 0; i < 3000; i++)
        {
            yaml.Append("  V").Append(i).Append(": *big\n"); // 3 GB of text once expanded
        }
        string config = _temp.Combine("bomb.yaml");
        File.WriteAllText(config, yaml.ToString());

        // 256 MiB of managed heap: the refusal needs far less; copying the expansion anywhere would not fit.
        var (exit, _, err) = await RunAsync([("DOTNET_GCHeapHardLimit", "0x10000000")], "show-config", config);

        Assert.True(exit == 2, $"exit {exit}: {err[..Math.Min(err.Length, 2000)]}");
        Assert.Contains("bomb.yaml(", err);
        Assert.Contains("excessive aliasing", err);
        Assert.DoesNotContain("   at ", err);
        Assert.True(err.Length < 4096, $"{err.Length} characters of errors");
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync((string Name, string Value)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet-image did not finish within 5 minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
