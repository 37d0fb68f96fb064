namespace ImageDsl.Testing.Running;

/// <summary>
/// One command in a fresh copy of the image's filesystem under bubblewrap: the image's user (uid/gid),
/// work dir and environment, no network, its own process namespace. The copy is removed afterwards.
/// </summary>
internal static class ImageRun
{
    internal static async Task<ImageRunResult> RunAsync(
        ImageUnderTest image, IReadOnlyDictionary<string, ImageFile> files, string workDirectory,
        IReadOnlyList<string>? command, ImageRunOptions options, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("running a command in an image needs Linux and bubblewrap (bwrap); on Windows, run the tests in WSL");
        }
        string bwrap = SandboxTool.Find(Environment.GetEnvironmentVariable("PATH"));
        IReadOnlyList<string> argv = command ?? [.. image.Config.Entrypoint, .. image.Config.Cmd];
        if (argv.Count == 0)
        {
            throw new InvalidOperationException("the image has no entrypoint and no cmd: pass the command to run");
        }
        RunIdentity identity = RunIdentity.Of(image.Config, image.Users, image.Groups);
        string root = Path.Combine(workDirectory, "run-" + Guid.NewGuid().ToString("N"));
        try
        {
            RootFilesystem.Write(root, files);
            return await BoundedProcess.RunAsync(bwrap, BubblewrapArguments.For(root, identity, argv), options,
                $"'{string.Join(' ', argv)}' in the image", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RootFilesystem.Delete(root);
        }
    }
}
