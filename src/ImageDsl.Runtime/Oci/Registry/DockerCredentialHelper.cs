using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Runs docker credential helpers (<c>docker-credential-&lt;name&gt; get|store</c>): the server URL or a
/// JSON record on stdin, JSON on stdout. Their output is never logged: it holds secrets.
/// </summary>
internal static class DockerCredentialHelper
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The helper's full path, or null when it is not on the search path.</summary>
    public static string? Find(string name, string? searchPath)
    {
        string program = "docker-credential-" + name;
        if (name.Contains('/') || name.Contains('\\') || name.Length == 0)
        {
            return null;
        }
        string path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The helper's credentials for <paramref name="serverUrl"/>, or null when it has none.</summary>
    public static RegistryCredential? Get(string helperPath, string serverUrl)
    {
        (int exit, string stdout, string stderr) = Run(helperPath, "get", serverUrl);
        if (exit != 0)
        {
            if ((stdout + stderr).Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            throw new ImageDslException(ErrorKind.Unauthorized,
                $"the credential helper {Path.GetFileName(helperPath)} failed for {serverUrl} (exit {exit}): {FirstLine(stderr)}",
                "Check that the credential helper works (e.g. run it with 'get' by hand), or remove it from config.json.");
        }
        try
        {
            JsonNode? node = JsonNode.Parse(stdout);
            string username = node?["Username"]?.GetValue<string>() ?? "";
            string secret = node?["Secret"]?.GetValue<string>() ?? "";
            if (username.Length == 0 && secret.Length == 0)
            {
                return null;
            }
            string source = $"credential helper {Path.GetFileName(helperPath)}";
            // Docker's convention: the user name "<token>" marks the secret as an identity token.
            return username == "<token>"
                ? new RegistryCredential("", "", secret, source)
                : new RegistryCredential(username, secret, null, source);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new ImageDslException(ErrorKind.Unauthorized,
                $"the credential helper {Path.GetFileName(helperPath)} printed something that is not credentials JSON for {serverUrl}",
                "Check the credential helper, or remove it from config.json.");
        }
    }

    /// <summary>Stores credentials through the helper (what <c>docker login</c> does when one is configured).</summary>
    public static void Store(string helperPath, string serverUrl, string username, string secret)
    {
        var record = new JsonObject { ["ServerURL"] = serverUrl, ["Username"] = username, ["Secret"] = secret };
        (int exit, _, string stderr) = Run(helperPath, "store", record.ToJsonString());
        if (exit != 0)
        {
            throw new ImageDslException(ErrorKind.Output,
                $"the credential helper {Path.GetFileName(helperPath)} could not store credentials for {serverUrl} (exit {exit}): {FirstLine(stderr)}",
                "Check the credential helper, or remove credsStore/credHelpers from config.json to store credentials in the file.");
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string helperPath, string verb, string input)
    {
        var start = new ProcessStartInfo(helperPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(verb);
        using Process process = Process.Start(start)
            ?? throw new ImageDslException(ErrorKind.Unauthorized, $"cannot start the credential helper {helperPath}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ImageDslException(ErrorKind.Unauthorized,
                $"the credential helper {Path.GetFileName(helperPath)} did not answer within {Timeout.TotalSeconds:0} s",
                "It may be waiting for a desktop prompt; unlock the keychain or log in again.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FirstLine(string text)
    {
        string line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "no message" : line;
    }
}
