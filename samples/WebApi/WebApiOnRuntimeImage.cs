using ImageDsl;

namespace WebApi;

/// <summary>
/// The same app on top of a base image: an OCI layout of <see cref="AspNetRuntimeImage"/> built beforehand
/// (`dotnet image build --project samples/WebApi --image aspnet-runtime aspnet-runtime:10 samples/runtime/aspnet-runtime`).
/// The base's layer is kept as it is and the app is one more layer; the base's packages, user, work-dir
/// and environment carry over. With a base image the image cannot declare users, so the app's files are
/// root's (the app can read them, not change them).
/// </summary>
[Image("webapi-on-runtime")]
[BaseImage("samples/runtime/aspnet-runtime")]
[Content("bin/publish", Name = "webapi", Version = "1.0.0-r0", To = "/app")]
[Env("GREETING", "Hello from an app layer on a base image")]
[Entrypoint("/app/WebApi")]
public partial class WebApiOnRuntimeImage : RuntimeRepository;
