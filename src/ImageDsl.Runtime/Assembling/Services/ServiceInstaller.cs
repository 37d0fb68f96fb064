using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Services;

/// <summary>Writes the s6 supervision tree (`/sv/&lt;name&gt;/run`) into the image.</summary>
public static class ServiceInstaller
{
    /// <summary>Writes a run script per service.</summary>
    public static void Install(FileTree tree, ImageEntrypoint? entrypoint)
    {
        foreach (ServiceFiles service in ServiceBundle.Plan(entrypoint))
        {
            tree.MkdirAll(service.Directory);
            tree.WriteFile(service.RunScript, service.Content, (UnixFileMode)0x1ED);
        }
    }
}
