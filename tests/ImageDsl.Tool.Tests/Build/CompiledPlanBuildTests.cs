using ImageDsl.Tests.Dsl;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `dotnet image build --project` with the image's lock file compiled in: it builds from the plan, without resolving,
/// to the same image as the YAML build with the same lock, and refuses drift naming the package, arch and repository.
/// </summary>
public sealed class CompiledPlanBuildTests : IDisposable
{
    private readonly TempDirectory _work = new("imagedsl-plans");
    private readonly PlanRepository _repository;

    public CompiledPlanBuildTests()
    {
        _repository = new PlanRepository(_work.Combine("repo"));
        _repository.Add("greeting-base", "1.0.0-r0");
        _repository.Add("greeting", "1.0.0-r0", depends: ["greeting-base"]);
    }

    public void Dispose()
    {
        _repository.Dispose();
        _work.Dispose();
    }

    private string Source => $$"""
        using ImageDsl;
        namespace Planned;
        [Image("planned")]
        [Repository({{Literal(_repository.Root)}})]
        [Keyring({{Literal(_repository.KeyPath)}})]
        [Arch(Arch.Amd64)]
        [Package("greeting")]
        [Entrypoint("/bin/true")]
        public partial class PlannedImage;
        """;

    private string Cache => _work.Combine("cache");

    private string LockPath => _work.Combine("project", "planned.lock.json");

    [Fact]
    public async Task The_plan_builds_the_same_image_as_the_yaml_build_with_the_same_lock()
    {
        // A graph whose install order is not the declaration order: dependencies shared, named before and after their users.
        _repository.Add("aa-lib", "2.1.0-r1", depends: ["greeting-base"]);
        _repository.Add("mid-lib", "0.9-r0", depends: ["aa-lib"]);
        _repository.Add("zz-tool", "3.0.0-r2", depends: ["mid-lib", "greeting-base", "aa-lib"]);
        string dll = await LockAndCompileAsync(source: Source.Replace("[Package(\"greeting\")]", "[Package(\"zz-tool\", \"greeting\")]"));
        // lock --project records the declared packages (for IMG0044) beside apko's fields.
        var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(LockPath)).RootElement.GetProperty("config");
        Assert.Equal(["zz-tool", "greeting"], config.GetProperty("world").EnumerateArray().Select(e => e.GetString()));
        string yaml = _work.Combine("planned.yaml");
        var export = await CliRun.Run("export", "--project", dll, "-o", yaml);
        Assert.True(export.Exit == 0, export.Err);

        var fromPlan = await Build("--project", dll, "planned:1", Output("plan"));
        var fromYaml = await Build(yaml, "planned:1", Output("yaml"), "--lockfile", LockPath);

        Assert.True(fromPlan.Exit == 0, fromPlan.Err);
        Assert.Contains("building from the compiled plan (planned.lock.json, 5 pinned packages; no resolving)", fromPlan.Err);
        Assert.True(fromYaml.Exit == 0, fromYaml.Err);
        Assert.StartsWith("sha256:", fromPlan.Out);
        Assert.Equal(fromYaml.Out, fromPlan.Out);
        string installed = LayoutLayers.ReadText(Output("plan"), "usr/lib/apk/db/installed");
        Assert.Equal(["aa-lib", "greeting", "greeting-base", "mid-lib", "zz-tool"],
            installed.Split('\n').Where(l => l.StartsWith("P:", StringComparison.Ordinal)).Select(l => l[2..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_plan_installs_the_locked_packages_where_resolving_would_pick_others()
    {
        string dll = await LockAndCompileAsync();
        var before = await Build("--project", dll, "planned:1", Output("before"));
        Assert.True(before.Exit == 0, before.Err);

        // Resolving now would pick greeting 2.0.0 and add greeting-extra (installed with greeting).
        _repository.Add("greeting", "2.0.0-r0", depends: ["greeting-base"]);
        _repository.Add("greeting-extra", "1.0.0-r0", installIf: ["greeting"]);
        var after = await Build("--project", dll, "planned:1", Output("after"));
        string yaml = _work.Combine("planned.yaml");
        Assert.Equal(0, (await CliRun.Run("export", "--project", dll, "-o", yaml)).Exit);
        var resolved = await Build(yaml, "planned:1", Output("resolved"));

        Assert.True(after.Exit == 0, after.Err);
        Assert.Equal(before.Out, after.Out);
        string installed = LayoutLayers.ReadText(Output("after"), "usr/lib/apk/db/installed");
        Assert.Contains("P:greeting\nV:1.0.0-r0\n", installed);
        Assert.DoesNotContain("greeting-extra", installed);
        Assert.Equal("greeting 1.0.0-r0\n", LayoutLayers.ReadText(Output("after"), "usr/share/greeting"));
        // The same image resolved (its apko.yaml, no lock) does get the newer packages.
        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.NotEqual(before.Out, resolved.Out);
        Assert.Contains("greeting-extra", LayoutLayers.ReadText(Output("resolved"), "usr/lib/apk/db/installed"));
    }

    [Fact]
    public async Task A_tampered_checksum_in_the_lock_is_drift_naming_the_package_arch_and_repository()
    {
        string dll = await LockAndCompileAsync(lockText => lockText.Replace(ChecksumOf(lockText, "greeting"), "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        var build = await Build("--project", dll, "planned:1", Output("tampered"));

        Assert.Equal(2, build.Exit);
        Assert.Contains($"error IMG1002: drift: the compiled build plan (planned.lock.json) pins greeting-1.0.0-r0 (x86_64) from {_repository.Root} with checksum Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=, but the repository's index has checksum Q1", build.Err);
        Assert.Contains("dotnet image lock --project", build.Err);
        Assert.DoesNotContain("   at ", build.Err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Output("tampered")));
    }

    [Fact]
    public async Task A_pinned_package_removed_from_the_repository_is_drift_naming_it()
    {
        string dll = await LockAndCompileAsync();
        _repository.Remove("greeting-base", "1.0.0-r0");

        var build = await Build("--project", dll, "planned:1", Output("removed"));

        Assert.Equal(2, build.Exit);
        Assert.Contains($"error IMG1002: drift: the compiled build plan (planned.lock.json) pins greeting-base-1.0.0-r0 (x86_64) from {_repository.Root}, but the repository's index no longer has it", build.Err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Output("removed")));
    }

    [Fact]
    public async Task A_plan_made_for_another_declaration_is_refused_with_the_relock_command()
    {
        string dll = await LockAndCompileAsync();
        // The class changes after the lock was made (IMG0044 says so at compile time for packages; here the entrypoint).
        string edited = InMemoryImages.EmitAssembly(_work.Combine("edited"), Source.Replace("/bin/true", "/bin/false"), LockPath);

        var build = await Build("--project", edited, "planned:1", Output("edited"));

        Assert.Equal(2, build.Exit);
        Assert.Contains("the compiled build plan of planned comes from planned.lock.json, which was made for another configuration", build.Err);
        Assert.Contains($"dotnet image lock --project {edited}", build.Err);
    }

    [Fact]
    public async Task Local_content_is_installed_with_the_pinned_packages()
    {
        string app = _work.Combine("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "hello.txt"), "hello from the app\n");
        string source = Source.Replace("[Package(\"greeting\")]", $"[Package(\"greeting\")] [Content({Literal(app)}, Name = \"myapp\", Version = \"1.2.3-r0\", To = \"/app\")]");
        string dll = await LockAndCompileAsync(source: source);

        var fromPlan = await Build("--project", dll, "planned:1", Output("plan"));
        var fromLock = await Build("--project", dll, "planned:1", Output("lock"), "--lockfile", LockPath);

        Assert.True(fromPlan.Exit == 0, fromPlan.Err);
        Assert.Equal("hello from the app\n", LayoutLayers.ReadText(Output("plan"), "app/hello.txt"));
        Assert.Contains("\nP:myapp\nV:1.2.3-r0\n", LayoutLayers.ReadText(Output("plan"), "usr/lib/apk/db/installed"));
        Assert.True(fromLock.Exit == 0, fromLock.Err);
        Assert.Equal(fromLock.Out, fromPlan.Out);
    }

    [Fact]
    public async Task An_image_on_a_base_image_is_not_built_from_its_plan_but_from_its_lock_file()
    {
        string baseYaml = _work.Combine("base.yaml");
        File.WriteAllText(baseYaml, $"contents:\n  repositories: [{_repository.Root}]\n  keyring: [{_repository.KeyPath}]\n  packages: [greeting-base]\narchs: [amd64]\n");
        var baseBuild = await Build(baseYaml, "base:1", Output("base"));
        Assert.True(baseBuild.Exit == 0, baseBuild.Err);
        string source = Source.Replace("[Arch(Arch.Amd64)]", $"[Arch(Arch.Amd64)] [BaseImage({Literal(Output("base"))})]").Replace("[Entrypoint(\"/bin/true\")]", "");
        string dll = await LockAndCompileAsync(source: source);

        var fromPlan = await Build("--project", dll, "planned:1", Output("plan"));
        var fromLock = await Build("--project", dll, "planned:1", Output("lock"), "--lockfile", LockPath);

        Assert.Equal(2, fromPlan.Exit);
        Assert.Contains("an image with a base image cannot be built from its compiled plan (planned.lock.json)", fromPlan.Err);
        Assert.Contains("--lockfile planned.lock.json", fromPlan.Err);
        Assert.True(fromLock.Exit == 0, fromLock.Err);
    }

    /// <summary>
    /// Compiles the image, locks it with `dotnet image lock --project` into the project folder, and compiles it
    /// again with the lock file (changed by <paramref name="edit"/>) as an AdditionalFile, as a project rebuild does.
    /// </summary>
    private async Task<string> LockAndCompileAsync(Func<string, string>? edit = null, string? source = null)
    {
        source ??= Source;
        string unlocked = InMemoryImages.EmitAssembly(_work.Combine("unlocked"), source);
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        var locked = await CliRun.Run("lock", "--project", unlocked, "--output", LockPath, "--cache-dir", Cache);
        Assert.True(locked.Exit == 0, locked.Err);
        if (edit is not null)
        {
            File.WriteAllText(LockPath, edit(File.ReadAllText(LockPath)));
        }
        return InMemoryImages.EmitAssembly(_work.Combine("planned"), source, LockPath);
    }

    private Task<(int Exit, string Out, string Err)> Build(params string[] arguments) =>
        CliRun.Run(["build", .. arguments, "--cache-dir", Cache, "--sbom=false", "--vcs=false"]);

    /// <summary>An existing folder: the build writes an OCI layout there.</summary>
    private string Output(string name)
    {
        string folder = _work.Combine("out-" + name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string ChecksumOf(string lockText, string package)
    {
        var packages = System.Text.Json.JsonDocument.Parse(lockText).RootElement.GetProperty("contents").GetProperty("packages");
        return packages.EnumerateArray().Single(p => p.GetProperty("name").GetString() == package).GetProperty("checksum").GetString()!;
    }

    private static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";
}
