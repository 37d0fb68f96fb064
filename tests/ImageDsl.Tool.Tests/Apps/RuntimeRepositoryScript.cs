namespace ImageDsl.Tests.Apps;

/// <summary>
/// samples/make-runtime-repo.sh run with this build of the tool: this machine's C library and .NET runtime
/// packed into a signed repository (<c>repo/&lt;arch&gt;/</c>) with its key (<c>keys/runtime.rsa(.pub)</c>).
/// </summary>
internal static class RuntimeRepositoryScript
{
    /// <summary>Writes the repository and key into <paramref name="outputFolder"/> (a kept key is reused).</summary>
    public static ProcessResult Make(string outputFolder)
    {
        RequiredTool.Find("dpkg-query", "dpkg");
        return ProcessRunner.Run(RequiredTool.Find("bash", "bash"), [Fixtures.Repo("samples", "make-runtime-repo.sh"), outputFolder],
            Fixtures.RepositoryRoot,
            new Dictionary<string, string?> { ["IMAGEDSL_TOOL_DLL"] = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll") },
            timeout: TimeSpan.FromMinutes(5));
    }
}
