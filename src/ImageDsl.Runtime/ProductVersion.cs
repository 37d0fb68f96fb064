using System.Reflection;

namespace ImageDsl;

/// <summary>The version of this ImageDsl build, and the User-Agent every HTTP request carries.</summary>
public static class ProductVersion
{
    private static readonly string Informational =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version without the commit SourceLink appends after '+', e.g. `0.1.0`.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The commit the build came from, or null.</summary>
    public static string? Commit { get; } = Informational.IndexOf('+') is int plus and >= 0 && plus + 1 < Informational.Length ? Informational[(plus + 1)..] : null;

    /// <summary>`dotnet-image/&lt;version&gt;`.</summary>
    public static string UserAgent => "dotnet-image/" + Version;
}
