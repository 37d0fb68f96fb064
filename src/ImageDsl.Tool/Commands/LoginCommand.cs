using System.CommandLine;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tool.Commands;

/// <summary>
/// `dotnet image login`: saves registry credentials in docker's config.json (DOCKER_CONFIG or
/// ~/.docker), or in the credential helper it names, as `apko login` / `crane auth login` do.
/// The credentials are not checked against the registry here; a push uses them when challenged.
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var registry = new Argument<string>("registry")
        {
            Description = "The registry host[:port] to log in to (e.g. ghcr.io, 127.0.0.1:5000; docker.io for Docker Hub).",
        };
        var username = new Option<string>("--username", "-u")
        {
            Description = "The user name.",
            Required = true,
        };
        var password = new Option<string?>("--password", "-p")
        {
            Description = "The password or token (visible in the process list; prefer --password-stdin).",
        };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password or token from standard input.",
        };
        var command = new Command("login",
            "Log in to a registry: save credentials in docker's config.json (DOCKER_CONFIG, else ~/.docker) " +
            "or the credential helper it names, for later pushes.\n\n" +
            "Example:\n  dotnet image login ghcr.io -u octocat --password-stdin < token.txt")
        {
            registry,
            username,
            password,
            passwordStdin,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            string host = parse.GetValue(registry)!;
            string user = parse.GetValue(username)!;
            string? secret = parse.GetValue(password);
            bool fromStdin = parse.GetValue(passwordStdin);
            if (fromStdin == (secret is not null))
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    fromStdin ? "give either --password or --password-stdin, not both" : "no password given",
                    "Pipe the password to --password-stdin, e.g. echo \"$TOKEN\" | dotnet image login ghcr.io -u octocat --password-stdin");
            }
            if (fromStdin)
            {
                secret = (await Console.In.ReadToEndAsync(cancellationToken)).TrimEnd('\r', '\n');
            }
            else
            {
                stderr.WriteLine("warning: --password is visible to other users in the process list; use --password-stdin");
            }
            string where = DockerConfigStore.SaveLogin(host, user, secret!);
            stdout.WriteLine($"logged in to {host} as {user}; credentials saved in {where}");
            return 0;
        });
        return command;
    }
}
