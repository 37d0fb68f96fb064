using System.Text;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Services;

/// <summary>A service's s6 run script and where it goes.</summary>
/// <param name="Directory">`/sv/&lt;name&gt;` (created 0755).</param>
/// <param name="RunScript">`/sv/&lt;name&gt;/run` (0755).</param>
/// <param name="Content">`#!/bin/execlineb` followed by the command.</param>
public sealed record ServiceFiles(string Directory, string RunScript, byte[] Content);

/// <summary>The s6 supervision tree apko writes for `entrypoint.type: service-bundle`.</summary>
public static class ServiceBundle
{
    /// <summary>The entrypoint a service bundle runs.</summary>
    public const string Entrypoint = "/bin/s6-svscan /sv";

    /// <summary>The package that provides s6-svscan.</summary>
    public const string Package = "s6";

    /// <summary>The files for every service, sorted by name so the tree is built the same way every time.</summary>
    public static IReadOnlyList<ServiceFiles> Plan(ImageEntrypoint? entrypoint)
    {
        if (entrypoint is null || entrypoint.Services.IsEmpty)
        {
            return [];
        }
        return entrypoint.Services
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ServiceFiles($"/sv/{s.Key}", $"/sv/{s.Key}/run", Encoding.UTF8.GetBytes($"#!/bin/execlineb\n{s.Value}\n")))
            .ToList();
    }
}
