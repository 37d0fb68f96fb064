namespace ImageDsl.Tests.FolderGraph;

/// <summary>
/// The Runtime's folders form a DAG in pipeline order (docs/design.md, "Architecture map"):
/// Errors/Progress &lt;- Formats &lt;- Config &lt;- Apk &lt;- Assembling &lt;- Oci &lt;- Sbom &lt;- Build.
/// </summary>
public sealed class PipelineDirectionTests
{
    private static string RuntimeSource => Fixtures.Repo("src", "ImageDsl.Runtime");

    [Fact]
    public void No_folder_uses_a_later_stage_of_the_pipeline()
    {
        var violations = FolderDependencies.Find(RuntimeSource);
        Assert.True(violations.Count == 0,
            "folders depend on later pipeline stages:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_namespace_follows_its_folder()
    {
        var misplaced = FolderDependencies.MisplacedNamespaces(RuntimeSource);
        Assert.True(misplaced.Count == 0, "namespaces that do not follow their folder:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void A_backward_reference_is_found()
    {
        // The check itself must be able to fail: a Formats file naming ImageDsl.Oci is an error.
        string root = Path.Combine(Path.GetTempPath(), "imagedsl-arch-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Formats"));
            Directory.CreateDirectory(Path.Combine(root, "Oci"));
            File.WriteAllText(Path.Combine(root, "Formats", "A.cs"), "using ImageDsl.Oci;\nnamespace ImageDsl.Formats;\n");
            File.WriteAllText(Path.Combine(root, "Oci", "B.cs"), "using ImageDsl.Formats;\nnamespace ImageDsl.Oci;\nclass B { ImageDsl.Apk.X? x; }\n");
            var violations = FolderDependencies.Find(root);
            var only = Assert.Single(violations);
            Assert.Equal(("Formats/A.cs", 1, "Oci"), (only.File, only.Line, only.Target));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
