using ImageDsl;

namespace WebApi;

/// <summary>
/// The repository samples/make-runtime-repo.sh makes from this machine's files (C library, .NET and
/// ASP.NET Core runtimes) and its key: a fragment every image here derives from. The paths are relative to
/// the working directory `dotnet image` runs in: the repository root.
/// </summary>
[Repository("samples/runtime/repo")]
[Keyring("samples/runtime/keys/runtime.rsa.pub")]
[Arch(Arch.Amd64)]
public abstract class RuntimeRepository;
