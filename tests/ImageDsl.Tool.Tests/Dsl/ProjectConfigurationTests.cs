using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tests.Dsl;

/// <summary>A C# image becomes the loaded configuration a YAML build starts from: validated in C# terms, merged, derived.</summary>
public sealed class ProjectConfigurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static ProjectImage Image(ImageConfiguration configuration) => new("web", "Acme.Images.Web", configuration);

    [Fact]
    public void Errors_are_located_by_member_path_of_the_image_class()
    {
        var image = Image(new ImageConfiguration { WorkDir = "app", Contents = new ImageContents { Packages = ["busybox"] } });

        var error = Assert.Throws<ConfigurationException>(() => ProjectConfiguration.Load(image, _temp.Path, new ConfigurationLoadOptions()));

        ConfigurationDiagnostic diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("Acme.Images.Web.WorkDir(0,0): error IMG0013: work-dir 'app' is not an absolute path", diagnostic.ToString());
    }

    [Fact]
    public void Warnings_are_reported_once_in_CSharp_terms()
    {
        var image = Image(new ImageConfiguration { Accounts = new ImageAccounts { RunAs = "ghost" } });

        LoadedConfiguration loaded = ProjectConfiguration.Load(image, _temp.Path, new ConfigurationLoadOptions());

        ConfigurationDiagnostic warning = Assert.Single(loaded.Warnings);
        Assert.Equal("IMG0009", warning.Id);
        Assert.Equal("Acme.Images.Web.Accounts.RunAs", warning.File);
    }

    [Fact]
    public void Derives_apko_values_applies_command_line_additions_and_records_the_project()
    {
        var image = Image(new ImageConfiguration
        {
            Contents = new ImageContents { Packages = ["curl"] },
            Entrypoint = new ImageEntrypoint { Type = ImageEntrypoint.ServiceBundle, Services = ValueMap.Of(("web", "/usr/bin/web")) },
            Accounts = new ImageAccounts { Users = [new UserAccount { UserName = "app", Uid = 1000 }] },
        });

        LoadedConfiguration loaded = ProjectConfiguration.Load(image, _temp.Path, new ConfigurationLoadOptions { ExtraPackages = ["jq"] });

        Assert.Equal(["curl", "jq", "s6"], loaded.Configuration.Contents.Packages);
        Assert.Equal("/bin/s6-svscan /sv", loaded.Configuration.Entrypoint!.Command);
        Assert.Equal("/home/app", loaded.Configuration.Accounts!.Users[0].HomeDir);
        Assert.Equal(_temp.Path, loaded.Files[0]);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Content_folders_resolve_against_the_project_folder_and_a_missing_one_is_an_error()
    {
        Directory.CreateDirectory(_temp.Combine("app", "bin", "publish"));
        string project = _temp.Combine("app", "App.csproj");
        File.WriteAllText(project, "<Project />");
        var image = Image(new ImageConfiguration
        {
            Contents = new ImageContents { Packages = ["busybox"], Local = [new LocalContent { Path = "bin/publish", Name = "myapp" }] },
        });

        LoadedConfiguration loaded = ProjectConfiguration.Load(image, project, new ConfigurationLoadOptions { WorkingDirectory = _temp.Path });
        Assert.Equal(_temp.Combine("app", "bin", "publish"), Assert.Single(loaded.Configuration.Contents.Local).Path);

        var missing = image with { Configuration = image.Configuration with { Contents = image.Configuration.Contents with { Local = [new LocalContent { Path = "out", Name = "myapp" }] } } };
        var error = Assert.Throws<ConfigurationException>(() => ProjectConfiguration.Load(missing, project, new ConfigurationLoadOptions { WorkingDirectory = _temp.Path }));
        Assert.Equal("IMG0042", Assert.Single(error.Diagnostics).Id);
        Assert.Contains(_temp.Combine("app", "out"), error.Diagnostics[0].Message);
    }

    [Fact]
    public void Export_writes_content_as_contents_local_and_warns_that_apko_cannot_build_it()
    {
        var image = Image(new ImageConfiguration
        {
            Contents = new ImageContents { Packages = ["busybox"], Local = [new LocalContent { Path = "bin/publish", Name = "myapp" }] },
        });
        var warnings = new StringWriter();

        string yaml = ImageDsl.Tool.Commands.ExportCommand.Export(image, warnings);

        Assert.Contains("  local:\n    - path: bin/publish\n", yaml);
        Assert.Contains("only ImageDsl builds", warnings.ToString());
    }

    [Fact]
    public void Export_says_how_to_build_the_file_with_the_class_s_layer_compression()
    {
        var image = Image(new ImageConfiguration { Contents = new ImageContents { Packages = ["busybox"] } }) with { LayerCompression = "zstd:9" };
        var warnings = new StringWriter();

        string yaml = ImageDsl.Tool.Commands.ExportCommand.Export(image, warnings);

        Assert.DoesNotContain("zstd", yaml);
        Assert.Contains("[LayerCompression] (zstd:9) is a build setting", warnings.ToString());
        Assert.Contains("dotnet image build --compression zstd:9", warnings.ToString());
    }

    [Fact]
    public void Export_writes_a_registry_base_as_ref_and_warns_that_apko_cannot_build_it()
    {
        var image = Image(new ImageConfiguration
        {
            Contents = new ImageContents { Packages = ["busybox"], BaseImage = new BaseImage(null, null) { Reference = "127.0.0.1:5000/base:1" } },
        });
        var warnings = new StringWriter();

        string yaml = ImageDsl.Tool.Commands.ExportCommand.Export(image, warnings);

        Assert.Contains("  baseimage:\n    ref: 127.0.0.1:5000/base:1\n", yaml);
        Assert.Contains("apko rejects it", warnings.ToString());
        Assert.Contains("skopeo copy docker://127.0.0.1:5000/base:1 oci:base-layout:latest", warnings.ToString());
    }

    [Fact]
    public void An_include_is_merged_and_may_complete_the_image()
    {
        string included = _temp.Combine("base.yaml");
        File.WriteAllText(included, "contents:\n  repositories: ['@edge https://example.com/edge']\n  packages: [busybox]\naccounts:\n  users: [{username: app, uid: 1000}]\n");
        // Alone, the pin and the run-as user are undeclared; the included file declares both.
        var image = Image(new ImageConfiguration
        {
            Include = included,
            Contents = new ImageContents { Packages = ["tool@edge"] },
            Accounts = new ImageAccounts { RunAs = "app" },
        });

        LoadedConfiguration loaded = ProjectConfiguration.Load(image, _temp.Path, new ConfigurationLoadOptions());

        Assert.Equal(["busybox", "tool@edge"], loaded.Configuration.Contents.Packages);
        Assert.Equal("app", loaded.Configuration.Accounts!.RunAs);
        Assert.Null(loaded.Configuration.Include);
        Assert.Equal([_temp.Path, included], loaded.Files);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void A_missing_include_is_reported_in_the_images_yaml_form()
    {
        var image = Image(new ImageConfiguration { Include = _temp.Combine("missing.yaml") });

        var error = Assert.Throws<ConfigurationException>(() => ProjectConfiguration.Load(image, _temp.Path, new ConfigurationLoadOptions()));

        ConfigurationDiagnostic diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("IMG0022", diagnostic.Id);
        Assert.Equal("Acme.Images.Web (as apko.yaml)", diagnostic.File);
    }

    public void Dispose() => _temp.Dispose();
}
