using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>Push options for tests: quick retries, an empty docker config, a log kept for messages.</summary>
internal static class RegistryTestOptions
{
    public static readonly RetryPolicy FastRetry = new(4, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));

    public static PushOptions Create(TempDirectory temp, List<string>? log = null) => new()
    {
        DockerConfigDirectory = temp.Combine("docker-config"),
        CredentialHelperSearchPath = "",
        Retry = FastRetry,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Log = log is null ? null : line => { lock (log) { log.Add(line); } },
    };
}
