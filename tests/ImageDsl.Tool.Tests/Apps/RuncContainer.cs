using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// A server image running under runc from a umoci bundle, sharing the host's network so that the test
/// reaches it on 127.0.0.1 (the server is told to listen on loopback only, on a port the OS chose).
/// Disposing kills and deletes the container whatever state it is in.
/// </summary>
internal sealed class RuncContainer : IDisposable
{
    private readonly string _runc;
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private RuncContainer(string runc, string id, Process process)
    {
        _runc = runc;
        Id = id;
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public string Id { get; }

    /// <summary>
    /// Starts the bundle's process with <paramref name="environment"/> added to (and overriding) the image's,
    /// without a terminal and in the host's network namespace.
    /// </summary>
    public static RuncContainer Start(string bundle, IReadOnlyDictionary<string, string> environment)
    {
        string runc = RequiredTool.Find("runc", "runc");
        string configPath = Path.Combine(bundle, "config.json");
        JsonNode spec = JsonNode.Parse(File.ReadAllText(configPath))!;
        JsonNode process = spec["process"]!;
        process["terminal"] = false;
        var env = new JsonArray();
        foreach (JsonNode? entry in process["env"]!.AsArray())
        {
            string text = (string)entry!;
            if (!environment.ContainsKey(text.Split('=', 2)[0]))
            {
                env.Add(text);
            }
        }
        foreach (var (name, value) in environment)
        {
            env.Add($"{name}={value}");
        }
        process["env"] = env;
        // No network namespace: the container uses the host's, so its loopback is ours.
        JsonArray namespaces = spec["linux"]!["namespaces"]!.AsArray();
        foreach (JsonNode? network in namespaces.Where(n => (string?)n!["type"] == "network").ToList())
        {
            namespaces.Remove(network);
        }
        File.WriteAllText(configPath, spec.ToJsonString());

        string id = "imagedsl-app-" + Guid.NewGuid().ToString("N")[..10];
        var start = new ProcessStartInfo(runc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "run", "--bundle", bundle, id })
        {
            start.ArgumentList.Add(argument);
        }
        Process started = Process.Start(start) ?? throw new InvalidOperationException("cannot start runc");
        started.StandardInput.Close();
        return new RuncContainer(runc, id, started);
    }

    /// <summary>A loopback port nobody listens on right now (the OS's choice).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// GETs <paramref name="url"/> until the server answers, the container exits, or <paramref name="timeout"/>
    /// passes (the machine may be loaded: the wait is for readiness, not a speed requirement).
    /// </summary>
    public async Task<HttpResponseMessage> GetWhenReadyAsync(HttpClient client, Uri url, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the container exited ({_process.ExitCode}) before answering {url}\n{await OutputAsync()}");
            }
            try
            {
                return await client.GetAsync(url);
            }
            catch (HttpRequestException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(250);
            }
            catch (HttpRequestException error)
            {
                throw new TimeoutException($"{url} did not answer within {timeout}\n{await OutputAsync()}", error);
            }
        }
    }

    /// <summary>
    /// The container's process as the host sees it (runc state's pid): its /proc status lines and its working
    /// folder (as the container sees it), for apps that cannot report their own user and folder.
    /// </summary>
    public (string[] Status, string WorkingDirectory) HostView()
    {
        ProcessResult state = ProcessRunner.Run(_runc, ["state", Id], timeout: TimeSpan.FromSeconds(30));
        if (state.ExitCode != 0)
        {
            throw new InvalidOperationException($"runc state {Id} failed\n{state}");
        }
        int pid = (int)JsonNode.Parse(state.StandardOutput)!["pid"]!;
        string proc = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget ?? throw new InvalidOperationException($"{proc}/cwd is not a link");
        return (File.ReadAllLines(Path.Combine(proc, "status")), cwd);
    }

    /// <summary>The container's output so far (complete once it has exited).</summary>
    public async Task<string> OutputAsync()
    {
        if (!_process.HasExited)
        {
            return "(still running)";
        }
        return $"--- stdout ---\n{await _stdout}\n--- stderr ---\n{await _stderr}";
    }

    public void Dispose()
    {
        ProcessRunner.Run(_runc, ["kill", Id, "KILL"], timeout: TimeSpan.FromSeconds(30));
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        ProcessRunner.Run(_runc, ["delete", "--force", Id], timeout: TimeSpan.FromSeconds(30));
        _process.Dispose();
    }
}
