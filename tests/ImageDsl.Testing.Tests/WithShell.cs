using ImageDsl.Model;

namespace ImageDsl.Tests;

/// <summary>
/// The sample repository ships no shell, so running a sample's scripts needs one: the host's static
/// busybox, packed as an APK in its own signed repository, added to the image's contents.
/// </summary>
public static class WithShell
{
    public static ImageConfiguration Add(ImageConfiguration image, string repositoryFolder)
    {
        TestRepository busybox = TestRepositories.CreateBusyboxRepository(repositoryFolder, "x86_64");
        return image with
        {
            Contents = image.Contents with
            {
                Repositories = [.. image.Contents.Repositories, busybox.Root],
                Keyring = [.. image.Contents.Keyring, busybox.PublicKeyPath],
                Packages = [.. image.Contents.Packages, "busybox"],
            },
        };
    }
}
