using ImageDsl;

namespace WebApi;

/// <summary>
/// This app's image: the C library and the .NET and ASP.NET Core runtimes as packages (made from this
/// machine's files by samples/make-runtime-repo.sh), the publish output as the app's own package under
/// /app owned by the `app` user, and how to run it. Framework-dependent: the apphost finds the runtime
/// through DOTNET_ROOT.
/// </summary>
[Image("webapi")]
[Repository("samples/runtime/repo")]
[Keyring("samples/runtime/keys/runtime.rsa.pub")]
[Arch(Arch.Amd64)]
[Package("aspnetcore-runtime", "ca-certificates")]
[Content("bin/publish", Name = "webapi", Version = "1.0.0-r0", To = "/app", Owner = "app")]
[User("app", Uid = 1654, Gid = 1654, Home = "/app")]
[Group("app", Gid = 1654)]
[RunAs("app")]
[WorkDir("/app")]
[Env("DOTNET_ROOT", "/usr/share/dotnet")]
// The image has no ICU: culture data is invariant (and the runtime does not look for libicu).
[Env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")]
[Env("ASPNETCORE_HTTP_PORTS", "8080")]
[Env("GREETING", "Hello from an ImageDsl image")]
[Entrypoint("/app/WebApi")]
public partial class WebApiImage;
