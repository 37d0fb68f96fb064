using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tests.Projects;

/// <summary>A publish folder read as the app it holds: framework-dependent or self-contained, its architecture, name and version.</summary>
public sealed class PublishedAppTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-published-app");

    /// <summary>The first 20 bytes of a little-endian 64-bit ELF executable for <paramref name="machine"/>.</summary>
    internal static byte[] ElfHeader(ushort machine) =>
        [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, (byte)(machine & 0xFF), (byte)(machine >> 8)];

    internal static string PublishFolder(TempDirectory temp, string name, bool selfContained, string? rid, byte[]? appHost)
    {
        string folder = temp.Combine("publish-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name + ".dll"), [0x4D, 0x5A]);
        File.WriteAllText(Path.Combine(folder, name + ".runtimeconfig.json"), selfContained
            ? """{"runtimeOptions":{"tfm":"net10.0","includedFrameworks":[{"name":"Microsoft.NETCore.App","version":"10.0.0"}]}}"""
            : """{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}""");
        File.WriteAllText(Path.Combine(folder, name + ".deps.json"),
            "{\"runtimeTarget\":{\"name\":\".NETCoreApp,Version=v10.0" + (rid is null ? "" : "/" + rid) + "\"},\"targets\":{}}");
        if (appHost is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, name), appHost);
        }
        return folder;
    }

    [Fact]
    public void A_portable_framework_dependent_app_runs_with_dotnet_on_any_architecture()
    {
        string folder = PublishFolder(_temp, "My.App", selfContained: false, rid: null, appHost: ElfHeader(0x3E));

        PublishedApp app = PublishedApp.Read(folder, null, "1.2.3");

        Assert.False(app.SelfContained);
        Assert.Null(app.Arch); // the apphost is not what runs, so it does not pin the architecture
        Assert.Equal("My.App", app.AssemblyName);
        Assert.Equal("my.app", app.PackageName);
        Assert.Equal("1.2.3-r0", app.Version);
        Assert.Equal("dotnet /app/My.App.dll", app.Command("/app/"));
    }

    [Fact]
    public void A_self_contained_app_runs_its_apphost_and_has_the_architecture_it_was_published_for()
    {
        string folder = PublishFolder(_temp, "Web", selfContained: true, rid: "linux-musl-arm64", appHost: ElfHeader(0xB7));

        PublishedApp app = PublishedApp.Read(folder, "Web.dll", null);

        Assert.True(app.SelfContained);
        Assert.Equal(Architecture.Arm64, app.Arch);
        Assert.Equal(LocalContent.DefaultVersion, app.Version);
        Assert.Equal("/srv/web/Web", app.Command("/srv/web"));
        Assert.Equal("'/srv/my app/Web'", app.Command("/srv/my app"));
    }

    [Fact]
    public void Without_a_runtime_identifier_a_self_contained_app_takes_its_apphost_s_architecture()
    {
        string folder = PublishFolder(_temp, "App", selfContained: true, rid: null, appHost: ElfHeader(0xB7));
        Assert.Equal(Architecture.Arm64, PublishedApp.Read(folder, null, null).Arch);
    }

    [Fact]
    public void A_framework_dependent_app_published_for_a_runtime_identifier_is_pinned_to_it()
    {
        string folder = PublishFolder(_temp, "App", selfContained: false, rid: "linux-x64", appHost: null);
        Assert.Equal(Architecture.Amd64, PublishedApp.Read(folder, null, null).Arch);
    }

    [Theory]
    [InlineData("win-x64", "the app was published for win-x64, which is not Linux")]
    [InlineData("linux-mips", "the runtime identifier linux-mips names no architecture")]
    public void An_app_for_another_system_is_refused(string rid, string message)
    {
        string folder = PublishFolder(_temp, "App", selfContained: false, rid: rid, appHost: null);
        ImageDslException error = Assert.Throws<ImageDslException>(() => PublishedApp.Read(folder, null, null));
        Assert.Contains(message, error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void A_self_contained_app_whose_apphost_is_not_a_Linux_program_is_refused()
    {
        string folder = PublishFolder(_temp, "App", selfContained: true, rid: null, appHost: [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xB8, 0, 0, 0]);
        ImageDslException error = Assert.Throws<ImageDslException>(() => PublishedApp.Read(folder, null, null));
        Assert.Contains("is not a Linux executable", error.Message);
        Assert.Contains("-r linux-x64", error.Hint);
    }

    [Fact]
    public void A_folder_that_holds_no_app_or_several_is_refused_with_what_to_give()
    {
        string library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        File.WriteAllBytes(Path.Combine(library, "Lib.dll"), [0x4D, 0x5A]);
        Assert.Contains("holds no app", Assert.Throws<ImageDslException>(() => PublishedApp.Read(library, null, null)).Message);
        Assert.Contains("Lib.runtimeconfig.json is missing", Assert.Throws<ImageDslException>(() => PublishedApp.Read(library, "Lib.dll", null)).Message);
        Assert.Contains("is not a .dll file name", Assert.Throws<ImageDslException>(() => PublishedApp.Read(library, "../Lib.dll", null)).Message);
        Assert.Contains("does not exist", Assert.Throws<ImageDslException>(() => PublishedApp.Read(_temp.Combine("missing"), null, null)).Message);

        string two = PublishFolder(_temp, "One", selfContained: false, rid: null, appHost: null);
        File.WriteAllBytes(Path.Combine(two, "Two.dll"), [0x4D, 0x5A]);
        File.WriteAllText(Path.Combine(two, "Two.runtimeconfig.json"), "{}");
        ImageDslException several = Assert.Throws<ImageDslException>(() => PublishedApp.Read(two, null, null));
        Assert.Contains("holds several apps: One, Two", several.Message);
        Assert.Contains("--app-assembly", several.Hint);
        Assert.Equal("Two", PublishedApp.Read(two, "Two.dll", null).AssemblyName);
    }

    [Theory]
    [InlineData("1.2.3", "1.2.3-r0")]
    [InlineData("1.0", "1.0-r0")]
    [InlineData("1.2.3.4", "1.2.3.4-r0")]
    [InlineData("1.2.3-beta.2", "1.2.3_beta2-r0")]
    [InlineData("1.2.3-rc1", "1.2.3_rc1-r0")]
    [InlineData("10.0.0-preview.7+sha.abc", "10.0.0_pre7-r0")]
    [InlineData("1.2.3+build.5", "1.2.3-r0")]
    [InlineData("2.0.1-r4", "2.0.1-r4")]
    public void A_dotnet_version_becomes_an_apk_version(string version, string apk) =>
        Assert.Equal(apk, AppVersion.ToApk(version));

    [Theory]
    [InlineData("1.2.3-feature.x")]
    [InlineData("latest")]
    [InlineData("")]
    public void A_version_with_no_apk_form_is_an_error_naming_the_property(string version)
    {
        ImageDslException error = Assert.Throws<ImageDslException>(() => AppVersion.ToApk(version));
        Assert.Contains($"'{version}'", error.Message);
        Assert.Contains("ImageAppVersion", error.Hint);
    }

    public void Dispose() => _temp.Dispose();
}
