using System.Formats.Tar;
using System.Text.Json.Nodes;
using ImageDsl.Tests.Cli;

namespace ImageDsl.Tests.Build;

/// <summary>`publish --local`: the image goes to the local engine's API over its unix socket, or a clear error.</summary>
public sealed class PublishLocalTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private string Config()
    {
        string path = _work.Combine("image.yaml");
        File.WriteAllText(path, $"""
            contents:
              keyring: [{Fixtures.Repo("samples", "keys", "sample.rsa.pub")}]
              repositories: [{Fixtures.Repo("samples", "repo")}]
              packages: [hello-world]
            archs: [amd64, arm64]
            """);
        return path;
    }

    private ProcessResult Publish(string dockerHost) => ToolProcess.Run(
        ["publish", Config(), "local/hello:1", "local/hello:latest", "--local", "--cache-dir", _work.Combine("cache"), "--sbom=false"],
        ToolProcess.CleanEnvironment(("DOCKER_HOST", dockerHost)));

    [Fact]
    public void Without_an_engine_socket_it_fails_clearly_before_building()
    {
        string missing = _work.Combine("no-engine.sock");
        ProcessResult result = Publish("unix://" + missing);
        Assert.Equal(6, result.ExitCode);
        Assert.Contains($"error IMG1006: --local: no Docker or Podman engine socket at {missing} (DOCKER_HOST)", result.StandardError);
        Assert.Contains("hint: Start Docker or Podman", result.StandardError);
        Assert.DoesNotContain("[resolve]", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void A_tcp_docker_host_is_refused()
    {
        ProcessResult result = Publish("tcp://user:secret@127.0.0.1:2375");
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("is not a unix:// socket", result.StandardError);
        Assert.DoesNotContain("secret", result.StandardError);
    }

    [Fact]
    public void The_host_arch_image_is_posted_to_images_load_as_a_docker_archive()
    {
        using var engine = new UnixSocketEngine(_work.Combine("engine.sock"), 200,
            "{\"stream\":\"Loaded image: local/hello:1\\n\"}\r\n{\"stream\":\"Loaded image: local/hello:latest\\n\"}\r\n");
        ProcessResult result = Publish("unix://" + engine.SocketPath);
        engine.WaitServed();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("local/hello:1\n", result.StandardOutput);
        Assert.Contains("Loaded image: local/hello:latest", result.StandardError);

        Assert.Equal("POST /images/load?quiet=1 HTTP/1.1", engine.RequestLine);
        Assert.Equal("application/x-tar", engine.Headers["Content-Type"]);

        // The body is a docker archive that an independent reader accepts, with both tags and the host's arch.
        string archive = _work.Combine("posted.tar");
        File.WriteAllBytes(archive, engine.Body);
        var names = new List<string>();
        using (var tar = new TarReader(File.OpenRead(archive)))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name);
            }
        }
        Assert.Contains("manifest.json", names);
        ProcessResult inspect = ProcessRunner.Run(RequiredTool.Find("skopeo", "skopeo"), ["inspect", "docker-archive:" + archive + ":local/hello:latest"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        JsonNode image = JsonNode.Parse(inspect.StandardOutput)!;
        string hostArch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";
        Assert.Equal(hostArch, (string?)image["Architecture"]);
        Assert.Single(image["Layers"]!.AsArray());
    }

    [Fact]
    public void An_engine_that_refuses_the_image_is_an_output_error()
    {
        using var engine = new UnixSocketEngine(_work.Combine("engine.sock"), 200,
            "{\"errorDetail\":{\"message\":\"no space left on device\"},\"error\":\"no space left on device\"}\n");
        ProcessResult result = Publish("unix://" + engine.SocketPath);
        engine.WaitServed();
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("refused the image (HTTP 200): no space left on device", result.StandardError);
    }
}
