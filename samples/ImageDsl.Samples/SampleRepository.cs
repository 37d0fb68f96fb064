using ImageDsl;

namespace ImageDsl.Samples;

/// <summary>
/// The bundled sample repository and its throwaway key, shared by every sample image: an abstract class
/// with attributes and no [Image] is a fragment, like an apko `include:`d file. The paths are relative to
/// the working directory `dotnet image` runs in: the repository root.
/// </summary>
[Repository("samples/repo")]
[Keyring("samples/keys/sample.rsa.pub")]
[Arch(Arch.Amd64, Arch.Arm64)]
public abstract class SampleRepository;
