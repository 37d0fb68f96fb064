using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// Takes apko's derived values (<see cref="ConfigurationDeriver"/>) back out of a loaded configuration,
/// so `import` writes what the user wrote rather than what the loader filled in. Deriving the result
/// again gives the loaded configuration back: <c>Derive(Remove(Derive(c))) == Derive(c)</c>.
/// </summary>
internal static class DerivedValues
{
    public static ImageConfiguration Remove(ImageConfiguration configuration)
    {
        ImageConfiguration result = configuration;
        if (result.Entrypoint is { Type: ImageEntrypoint.ServiceBundle } entrypoint)
        {
            // With services declared, a command is an error (IMG0012), so this one is the derived
            // s6-svscan entrypoint; s6 is appended last when missing, and appending it again is a no-op.
            ValueList<string> packages = result.Contents.Packages;
            if (packages.Count > 0 && packages[^1] == ConfigurationDeriver.ServiceBundlePackage)
            {
                packages = packages.Take(packages.Count - 1).ToValueList();
            }
            result = result with
            {
                Entrypoint = entrypoint.Command == ConfigurationDeriver.ServiceBundleCommand ? entrypoint with { Command = null } : entrypoint,
                Contents = result.Contents with { Packages = packages },
            };
        }
        if (result.Accounts is { } accounts && accounts.Users.Any(IsDerivedHome))
        {
            result = result with
            {
                Accounts = accounts with { Users = accounts.Users.Select(u => IsDerivedHome(u) ? u with { HomeDir = null } : u).ToValueList() },
            };
        }
        return result;
    }

    private static bool IsDerivedHome(UserAccount user) => user.HomeDir == "/home/" + user.UserName;
}
