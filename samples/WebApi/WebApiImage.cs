using ImageDsl;

namespace WebApi;

/// <summary>
/// This app's image in one build: everything of <see cref="AspNetRuntimeImage"/> plus the publish output
/// (`dotnet publish -c Release -o bin/publish`) as the app's own package, installed under /app and owned
/// by `app`, and the apphost as the entrypoint (it finds the runtime through DOTNET_ROOT).
/// </summary>
[Image("webapi")]
[Content("bin/publish", Name = "webapi", Version = "1.0.0-r0", To = "/app", Owner = "app")]
[Env("GREETING", "Hello from an ImageDsl image")]
[Entrypoint("/app/WebApi")]
public partial class WebApiImage : AspNetRuntimeImage;
