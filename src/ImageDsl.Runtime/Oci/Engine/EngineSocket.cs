using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Oci.Engine;

/// <summary>Where the local Docker or Podman engine listens: `DOCKER_HOST` (unix:// only), else the usual sockets.</summary>
public static class EngineSocket
{
    /// <summary>
    /// The socket path: `DOCKER_HOST`'s when set, else the first that exists of `/var/run/docker.sock`,
    /// `$XDG_RUNTIME_DIR/podman/podman.sock` and `/run/podman/podman.sock`.
    /// </summary>
    /// <exception cref="ImageDslException">No socket is there, or DOCKER_HOST is not a unix socket (exit 6).</exception>
    public static string Find(Func<string, string?> environment)
    {
        const string hint = "Start Docker or Podman (for Podman: systemctl --user start podman.socket), or set DOCKER_HOST=unix:///path/to/engine.sock; " +
            "to push to a registry instead, leave out --local.";
        if (environment("DOCKER_HOST") is { Length: > 0 } host)
        {
            if (!host.StartsWith("unix://", StringComparison.Ordinal))
            {
                throw new ImageDslException(ErrorKind.Output, $"--local: DOCKER_HOST '{Redaction.Text(host)}' is not a unix:// socket; only a local engine's unix socket is supported",
                    "Set DOCKER_HOST=unix:///var/run/docker.sock (or the Podman socket), or unset it.");
            }
            string path = host["unix://".Length..];
            return File.Exists(path) ? path : throw new ImageDslException(ErrorKind.Output,
                $"--local: no Docker or Podman engine socket at {path} (DOCKER_HOST)", hint);
        }
        var candidates = new List<string> { "/var/run/docker.sock" };
        if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            candidates.Add(Path.Combine(runtime, "podman", "podman.sock"));
        }
        candidates.Add("/run/podman/podman.sock");
        return candidates.FirstOrDefault(File.Exists) ?? throw new ImageDslException(ErrorKind.Output,
            $"--local: no Docker or Podman engine socket found (looked at {string.Join(", ", candidates)})", hint);
    }
}
