using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// Whether a C# image's compiled <see cref="BuildPlan"/> may be built: refused, as a stale lock file is, when the
/// image's configuration is no longer the one its lock was made from. Shared by `dotnet image build --project`
/// and ImageDsl.Testing, so both refuse the same drift with the same words.
/// </summary>
public static class CompiledPlanCheck
{
    /// <summary>Returns <paramref name="plan"/> when it was made for <paramref name="configurationChecksum"/>.</summary>
    /// <param name="plan">The generated plan.</param>
    /// <param name="imageName">The image's name, for messages.</param>
    /// <param name="configurationChecksum">The checksum of the image's loaded configuration.</param>
    /// <param name="relockCommand">The command that locks the image again.</param>
    /// <param name="warning">Receives a warning when the lock carries no checksum to compare.</param>
    /// <exception cref="ImageDslException">The plan was made for another configuration (exit 2).</exception>
    public static BuildPlan Usable(BuildPlan plan, string imageName, string configurationChecksum, string relockCommand, Action<string> warning)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(warning);
        if (plan.ConfigurationChecksum.Length == 0)
        {
            warning($"{plan.LockFile} has no config checksum; cannot tell whether the compiled plan matches {imageName}");
        }
        else if (plan.ConfigurationChecksum != configurationChecksum)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the compiled build plan of {imageName} comes from {plan.LockFile}, which was made for another configuration of the image (its checksum differs)",
                $"Lock the image again: `{relockCommand}`, then build again (the compiler's IMG0044 names the packages that differ).");
        }
        return plan;
    }
}
