using ImageDsl.Tests.Registry;

namespace ImageDsl.Tests.Build;

/// <summary>
/// A real loopback docker-registry and a signed busybox + hello repository (x86_64 and aarch64), for
/// building a base image with our own build, publishing it, and building on top of it by reference.
/// </summary>
internal sealed class RegistryBaseSetup : IDisposable
{
    private RegistryBaseSetup(TempDirectory work, TestRegistry registry, string contents)
    {
        Work = work;
        Registry = registry;
        Contents = contents;
    }

    public TempDirectory Work { get; }

    public TestRegistry Registry { get; }

    /// <summary>The `repositories:` and `keyring:` lines every configuration here uses.</summary>
    public string Contents { get; }

    /// <summary>The cache folder the builds share unless a test gives its own.</summary>
    public string Cache => Work.Combine("cache");

    /// <summary>Starts the registry (open, or with an <c>auth:</c> block made in the work folder) and writes the repository.</summary>
    public static RegistryBaseSetup Start(Func<TempDirectory, string>? auth = null)
    {
        var work = new TempDirectory("imagedsl-registry-base");
        TestRepository repo = TestRepositories.CreateBusyboxRepository(work.Combine("repo"), "x86_64");
        TestRepositories.CreateBusyboxRepository(work.Combine("repo"), "aarch64");
        BaseImageBuildTests.Built.AddHelloPackage(repo);
        TestRegistry registry = TestRegistry.Start(auth?.Invoke(work));
        return new RegistryBaseSetup(work, registry, $"  repositories: [{repo.Root}]\n  keyring: [{repo.PublicKeyPath}]\n");
    }

    /// <summary>A two-architecture base (busybox, a user, env, work-dir, a label) whose BASEVAR is <paramref name="baseVar"/>.</summary>
    public string WriteBase(string baseVar = "from-base")
    {
        string path = Work.Combine($"base-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "contents:\n" + Contents + $$"""
              packages: [busybox]
            accounts:
              users:
                - username: app
                  uid: 1000
              run-as: app
            environment:
              BASEVAR: {{baseVar}}
            work-dir: /home/app
            annotations:
              org.example.base: yes
            archs: [amd64, arm64]
            """);
        return path;
    }

    /// <summary>An amd64 image on the base named by <paramref name="reference"/> (`ref:`): the hello package and one more variable.</summary>
    public string WriteTop(string reference, string name = "top.yaml")
    {
        string path = Work.Combine(name);
        File.WriteAllText(path, "contents:\n" + Contents + $"  baseimage:\n    ref: {reference}\n" + """
              packages: [hello]
            environment:
              TOPVAR: from-top
            archs: [amd64]
            """);
        return path;
    }

    /// <summary>A fresh empty folder: `build` writes an OCI layout into an existing folder.</summary>
    public string NewLayout()
    {
        string layout = Work.Combine($"layout-{Guid.NewGuid():N}");
        Directory.CreateDirectory(layout);
        return layout;
    }

    public void Dispose()
    {
        Registry.Dispose();
        Work.Dispose();
    }
}
