using ImageDsl;

namespace WebApi;

/// <summary>
/// An ASP.NET Core runtime image with no app in it: the runtime packages, the `app` user (uid 1654, as
/// Microsoft's images) and the environment a framework-dependent app needs. <see cref="WebApiImage"/>
/// adds the app to it in one build; <see cref="WebApiOnRuntimeImage"/> puts the app on top of a built
/// copy of it as a base image.
/// </summary>
[Image("aspnet-runtime")]
[Package("aspnetcore-runtime", "ca-certificates")]
[User("app", Uid = 1654, Gid = 1654, Home = "/app")]
[Group("app", Gid = 1654)]
[RunAs("app")]
[WorkDir("/app")]
[Env("DOTNET_ROOT", "/usr/share/dotnet")]
// The image has no ICU: culture data is invariant (and the runtime does not look for libicu).
[Env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")]
[Env("ASPNETCORE_HTTP_PORTS", "8080")]
public partial class AspNetRuntimeImage : RuntimeRepository;
