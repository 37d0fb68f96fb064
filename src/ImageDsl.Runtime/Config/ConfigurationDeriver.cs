using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// apko's `Validate()` mutations, applied after validation: a service bundle runs `/bin/s6-svscan /sv` and
/// needs the `s6` package; a user without a home directory gets `/home/&lt;name&gt;`. Deriving twice gives the
/// same result, so a derived configuration written out and read back is unchanged.
/// </summary>
public static class ConfigurationDeriver
{
    /// <summary>The entrypoint command of a service bundle.</summary>
    public const string ServiceBundleCommand = "/bin/s6-svscan /sv";

    /// <summary>The package that provides s6-svscan.</summary>
    public const string ServiceBundlePackage = "s6";

    /// <summary>Returns the configuration with apko's derived values filled in.</summary>
    public static ImageConfiguration Derive(ImageConfiguration configuration)
    {
        ImageConfiguration derived = configuration;
        if (derived.Entrypoint?.Type == ImageEntrypoint.ServiceBundle)
        {
            // apko appends s6 unconditionally (a duplicate in the world is harmless); appending it only
            // once keeps deriving idempotent and the world the same.
            ValueList<string> packages = derived.Contents.Packages;
            if (!packages.Contains(ServiceBundlePackage))
            {
                packages = packages.Add(ServiceBundlePackage);
            }
            derived = derived with
            {
                Entrypoint = derived.Entrypoint with { Command = ServiceBundleCommand },
                Contents = derived.Contents with { Packages = packages },
            };
        }
        if (derived.Accounts is { } accounts && accounts.Users.Any(u => u.HomeDir is null))
        {
            derived = derived with
            {
                Accounts = accounts with
                {
                    Users = accounts.Users.Select(u => u.HomeDir is null ? u with { HomeDir = "/home/" + u.UserName } : u).ToValueList(),
                },
            };
        }
        return derived;
    }
}
