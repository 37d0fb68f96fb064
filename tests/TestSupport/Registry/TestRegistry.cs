using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// Debian's docker-registry (distribution 2.8) on 127.0.0.1 and a free port, with its own config and
/// storage in a temp directory; optionally with htpasswd or token auth. Stopped by pid on dispose.
/// </summary>
public sealed class TestRegistry : IDisposable
{
    private readonly Process process;
    private readonly TempDirectory work;

    private TestRegistry(Process process, TempDirectory work, int port)
    {
        this.process = process;
        this.work = work;
        Port = port;
    }

    public int Port { get; }

    /// <summary>host:port, as it goes into image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Starts an open registry, or one with the given <c>auth:</c> YAML block (already indented by 2).</summary>
    public static TestRegistry Start(string? authYaml = null)
    {
        string program = RequiredTool.Find("docker-registry", "docker-registry");
        var work = new TempDirectory("imagedsl-registry");
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            string config = work.Combine($"config-{port}.yml");
            File.WriteAllText(config, $$"""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: {{work.Combine("data")}}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{{port}}
                  secret: test-secret
                {{(authYaml is null ? "" : "auth:\n" + authYaml)}}
                """);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start docker-registry");
            var log = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (WaitUntilReady(process, port))
            {
                return new TestRegistry(process, work, port);
            }
            Stop(process);
            if (attempt == 3)
            {
                work.Dispose();
                string text;
                lock (log)
                {
                    text = log.ToString();
                }
                throw new InvalidOperationException($"docker-registry did not start on 127.0.0.1:{port}:\n{text}");
            }
        }
    }

    /// <summary>The <c>auth:</c> block for htpasswd users (bcrypt file made with <c>htpasswd -Bbn</c>).</summary>
    public static string HtpasswdAuth(TempDirectory directory, string user, string password)
    {
        string htpasswd = RequiredTool.Find("htpasswd", "apache2-utils");
        ProcessResult result = ProcessRunner.Run(htpasswd, ["-Bbn", user, password]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.ToString());
        }
        string path = directory.Combine("htpasswd");
        File.WriteAllText(path, result.StandardOutput);
        return $"  htpasswd: {{realm: test-realm, path: {path}}}\n";
    }

    public void Dispose()
    {
        Stop(process);
        work.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private static bool WaitUntilReady(Process process, int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                return false;
            }
            try
            {
                using HttpResponseMessage response = http.GetAsync($"http://127.0.0.1:{port}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return true;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
            }
            Thread.Sleep(50);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
