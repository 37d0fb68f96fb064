using System.Reflection;
using System.Runtime.InteropServices;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// What this build of the tool is: the version and, when the build knew it (SourceLink puts it in the
/// informational version as `0.1.0+&lt;sha&gt;`), the commit.
/// </summary>
internal sealed record ToolVersion(string Version, string? Commit)
{
    private static readonly Lazy<ToolVersion> CurrentValue = new(() => new ToolVersion(ProductVersion.Version, ProductVersion.Commit));

    public static ToolVersion Current => CurrentValue.Value;

    /// <summary>The User-Agent the tool sends: `dotnet-image/0.1.0`.</summary>
    public static string UserAgent => ProductVersion.UserAgent;

    /// <summary>`.NET 10.0.1`.</summary>
    public static string Runtime => $".NET {Environment.Version}";

    /// <summary>The OS as the kernel describes it.</summary>
    public static string OperatingSystem => RuntimeInformation.OSDescription;

    /// <summary>`x64`, `arm64`...</summary>
    public static string ProcessArchitecture => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>`linux-x64`...</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>Splits `1.2.3-beta+abcdef` into the version and the commit after '+'.</summary>
    public static ToolVersion Parse(string? informational)
    {
        if (string.IsNullOrWhiteSpace(informational))
        {
            return new ToolVersion("0.0.0", null);
        }
        int plus = informational.IndexOf('+');
        return plus < 0
            ? new ToolVersion(informational, null)
            : new ToolVersion(informational[..plus], plus + 1 < informational.Length ? informational[(plus + 1)..] : null);
    }
}
