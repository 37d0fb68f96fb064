using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>`include:` resolution and apko's MergeInto rules, with locations that follow the merged values.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new("imagedsl-include");

    public void Dispose() => _dir.Dispose();

    private string Write(string relative, string yaml)
    {
        string path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    private ConfigurationLoadOptions Options(params string[] includePaths) =>
        new() { WorkingDirectory = _dir.Path, IncludePaths = includePaths };

    [Fact]
    public void The_parent_wins_scalars_maps_are_unioned_and_lists_concatenate_include_first()
    {
        Write("base.yaml", """
            contents:
              repositories: [https://base/repo]
              keyring: [base.pub]
              packages: [base-pkg]
            entrypoint:
              command: /base
              shell-fragment: base fragment
            cmd: base-cmd
            stop-signal: SIGQUIT
            work-dir: /base
            vcs-url: https://base/vcs
            accounts:
              run-as: base
              users: [{username: base, uid: 100}]
            archs: [arm64]
            environment: {SHARED: base, ONLY_BASE: b}
            annotations: {org.shared: base}
            paths: [{path: /base, type: directory}]
            volumes: [/base]
            layering: {strategy: origin, budget: 3}
            format: tar
            """);
        Write("app.yaml", """
            include: base.yaml
            contents:
              repositories: [https://app/repo]
              packages: [app-pkg]
            entrypoint:
              command: /app
            cmd: app-cmd
            accounts:
              users: [{username: app, uid: 200}]
            environment: {SHARED: app, ONLY_APP: a}
            paths: [{path: /app, type: empty-file}]
            """);

        ImageConfiguration c = ConfigurationLoader.Load("app.yaml", Options()).Configuration;

        Assert.Equal(["https://base/repo", "https://app/repo"], c.Contents.Repositories);
        Assert.Equal(["base.pub"], c.Contents.Keyring);
        Assert.Equal(["base-pkg", "app-pkg"], c.Contents.Packages);
        // The entrypoint is taken as a whole: the base's shell-fragment does not leak into the app's.
        Assert.Equal(new ImageEntrypoint { Command = "/app" }, c.Entrypoint);
        Assert.Equal("app-cmd", c.Cmd);
        Assert.Equal("SIGQUIT", c.StopSignal);
        Assert.Equal("/base", c.WorkDir);
        Assert.Null(c.VcsUrl);
        Assert.Equal("base", c.Accounts!.RunAs);
        Assert.Equal(["base", "app"], c.Accounts.Users.Select(u => u.UserName));
        Assert.Equal([Architecture.Arm64], c.Archs);
        Assert.Equal(ValueMap.Of(("SHARED", "app"), ("ONLY_BASE", "b"), ("ONLY_APP", "a")), c.Environment);
        Assert.Equal(ValueMap.Of(("org.shared", "base")), c.Annotations);
        Assert.Equal(["/base", "/app"], c.Paths.Select(p => p.Path));
        Assert.Equal(["/base"], c.Volumes);
        Assert.Equal(new ImageLayering("origin", 3), c.Layering);
        Assert.Equal("tar", c.Format);
        Assert.Null(c.Include);
    }

    [Fact]
    public void Nested_includes_merge_innermost_first_and_all_feed_the_checksum()
    {
        Write("a.yaml", "include: b.yaml\ncontents: {packages: [a]}\n");
        Write("b.yaml", "include: c.yaml\ncontents: {packages: [b]}\n");
        Write("c.yaml", "contents: {packages: [c]}\n");
        LoadedConfiguration loaded = ConfigurationLoader.Load("a.yaml", Options());
        Assert.Equal(["c", "b", "a"], loaded.Configuration.Contents.Packages);
        Assert.Equal([_dir.Combine("a.yaml"), _dir.Combine("b.yaml"), _dir.Combine("c.yaml")], loaded.Files);
    }

    [Fact]
    public void An_include_cycle_names_the_chain_at_the_include_line()
    {
        Write("a.yaml", "contents: {packages: [a]}\ninclude: b.yaml\n");
        Write("b.yaml", "include: a.yaml\n");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("a.yaml", Options()));
        var d = Assert.Single(error.Diagnostics);
        ConfigAssert.AssertAt(d, "IMG0021", "b.yaml", 1, 10);
        Assert.Equal("include cycle: a.yaml -> b.yaml -> a.yaml", d.Message);
    }

    [Fact]
    public void A_file_including_itself_is_a_cycle()
    {
        Write("self.yaml", "include: self.yaml\n");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("self.yaml", Options()));
        Assert.Equal("include cycle: self.yaml -> self.yaml", Assert.Single(error.Diagnostics).Message);
    }

    [Fact]
    public void A_missing_include_is_located_and_says_where_it_looked()
    {
        Write("app.yaml", "contents:\n  packages: [a]\ninclude: nowhere.yaml\n");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("app.yaml", Options("/opt/includes")));
        var d = Assert.Single(error.Diagnostics);
        ConfigAssert.AssertAt(d, "IMG0022", "app.yaml", 3, 10);
        Assert.Equal($"included file 'nowhere.yaml' was not found (looked in {_dir.Combine("nowhere.yaml")}, /opt/includes/nowhere.yaml)", d.Message);
    }

    [Fact]
    public void Includes_resolve_against_the_working_directory_like_apko()
    {
        Write("examples/base.yaml", "contents: {packages: [base]}\n");
        Write("examples/app.yaml", "include: examples/base.yaml\n");
        Assert.Equal(["base"], ConfigurationLoader.Load("examples/app.yaml", Options()).Configuration.Contents.Packages);
    }

    [Fact]
    public void Includes_are_then_looked_for_under_each_include_path()
    {
        Write("shared/lib/base.yaml", "contents: {packages: [base]}\n");
        Write("app.yaml", "include: lib/base.yaml\n");
        LoadedConfiguration loaded = ConfigurationLoader.Load("app.yaml", Options("elsewhere", "shared"));
        Assert.Equal(["base"], loaded.Configuration.Contents.Packages);
        Assert.Equal(_dir.Combine("shared/lib/base.yaml"), loaded.Files[1]);
    }

    [Fact]
    public void Includes_relative_to_the_including_file_are_a_fallback()
    {
        Write("sub/base.yaml", "contents: {packages: [base]}\n");
        Write("sub/app.yaml", "include: base.yaml\n");
        Assert.Equal(["base"], ConfigurationLoader.Load("sub/app.yaml", Options()).Configuration.Contents.Packages);
    }

    [Fact]
    public void The_working_directory_wins_over_the_including_files_folder()
    {
        Write("base.yaml", "contents: {packages: [from-working-directory]}\n");
        Write("sub/base.yaml", "contents: {packages: [from-sub]}\n");
        Write("sub/app.yaml", "include: base.yaml\n");
        Assert.Equal(["from-working-directory"], ConfigurationLoader.Load("sub/app.yaml", Options()).Configuration.Contents.Packages);
    }

    [Fact]
    public void Errors_in_an_included_file_point_into_that_file()
    {
        Write("base.yaml", "contents:\n  packages:\n    - ok\n    - 'bad pkg'\n");
        Write("app.yaml", "include: base.yaml\ncontents:\n  packages:\n    - also-bad=x\n");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("app.yaml", Options()));
        Assert.Collection(error.Diagnostics,
            d => ConfigAssert.AssertAt(d, "IMG0004", "app.yaml", 4, 7),
            d => ConfigAssert.AssertAt(d, "IMG0004", "base.yaml", 4, 7));
        // Validation runs on the merged list (base's packages first) yet every finding keeps its own file.
    }

    [Fact]
    public void Parse_errors_in_both_files_are_all_reported()
    {
        Write("base.yaml", "cmd: [x]\n");
        Write("app.yaml", "include: base.yaml\nbogus: 1\n");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("app.yaml", Options()));
        Assert.Equal([("app.yaml", "IMG0001"), ("base.yaml", "IMG0034")], error.Diagnostics.Select(d => (d.File, d.Id)));
    }

    [Fact]
    public void A_missing_main_file_is_a_configuration_error_not_a_crash()
    {
        var error = Assert.Throws<ImageDslException>(() => ConfigurationLoader.Load("absent.yaml", Options()));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains("'absent.yaml' not found", error.Message);
    }
}
