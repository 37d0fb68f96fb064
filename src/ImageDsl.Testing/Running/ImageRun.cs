namespace ImageDsl.Testing.Running;

/// <summary>
/// One command in a fresh copy of the image's filesystem, under bubblewrap or runc: the image's user
/// (uid/gid), work dir and environment, no network, its own process namespace. The copy is removed afterwards.
/// </summary>
internal static class ImageRun
{
    internal static async Task<ImageRunResult> RunAsync(
        ImageUnderTest image, IReadOnlyDictionary<string, ImageFile> files, string workDirectory,
        IReadOnlyList<string>? command, ImageRunOptions options, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("running a command in an image needs Linux and bubblewrap (bwrap) or runc; on Windows, run the tests in WSL");
        }
        (ImageSandbox sandbox, string tool) = SandboxTool.Find(options.Sandbox, Environment.GetEnvironmentVariable("PATH"));
        IReadOnlyList<string> argv = command ?? [.. image.Config.Entrypoint, .. image.Config.Cmd];
        if (argv.Count == 0)
        {
            throw new InvalidOperationException("the image has no entrypoint and no cmd: pass the command to run");
        }
        RunIdentity identity = RunIdentity.Of(image.Config, image.Users, image.Groups);
        string what = $"'{string.Join(' ', argv)}' in the image";
        string run = Path.Combine(workDirectory, "run-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (sandbox == ImageSandbox.Bubblewrap)
            {
                RootFilesystem.Write(run, files);
                return await BoundedProcess.RunAsync(tool, BubblewrapArguments.For(run, identity, argv), options, what, null, cancellationToken).ConfigureAwait(false);
            }
            return await RuncAsync(tool, run, files, identity, argv, options, what, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RootFilesystem.Delete(run);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task<ImageRunResult> RuncAsync(string runc, string bundle, IReadOnlyDictionary<string, ImageFile> files, RunIdentity identity,
        IReadOnlyList<string> argv, ImageRunOptions options, string what, CancellationToken cancellationToken)
    {
        uint uid = NativeMethods.geteuid();
        // As root the files get the image's owners; rootless, they stay ours, which the user namespace maps to the image's user.
        RootFilesystem.Write(Path.Combine(bundle, "rootfs"), files, owners: uid == 0);
        File.WriteAllText(Path.Combine(bundle, "config.json"), RuncBundle.Config(identity, argv, uid, NativeMethods.getegid()).ToJsonString());
        // runc's state lives with the bundle, so runs never meet each other or the machine's containers.
        string state = Path.Combine(bundle, "state");
        string id = "imagedsl-" + Guid.NewGuid().ToString("N")[..16];
        async Task Remove() =>
            await BoundedProcess.RunAsync(runc, ["--root", state, "delete", "--force", id], new ImageRunOptions { Timeout = TimeSpan.FromSeconds(30) },
                "runc delete", null, CancellationToken.None).ConfigureAwait(false);
        return await BoundedProcess.RunAsync(runc, ["--root", state, "run", "--bundle", bundle, id], options, what, Remove, cancellationToken).ConfigureAwait(false);
    }
}
