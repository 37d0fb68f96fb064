using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

public class OutputAtomicityTests
{
    [Fact]
    public void A_failed_write_leaves_neither_output_nor_temporary_files()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64);
        File.Delete(store.PathFor(index.Images[0].Layers[0].Digest));
        string output = work.Combine("out");
        Directory.CreateDirectory(output);

        var layoutError = Assert.Throws<ImageDslException>(() => OciLayoutWriter.Write(Path.Combine(output, "layout"), store, index));
        var tarError = Assert.Throws<ImageDslException>(() => ImageTarWriter.Write(Path.Combine(output, "image.tar"), store, index, "a:b"));

        Assert.Equal(ErrorKind.Output, layoutError.Kind);
        Assert.Contains(Path.Combine(output, "image.tar"), tarError.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public void A_new_layout_replaces_an_old_one_whole()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        string layout = work.Combine("layout");
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(layout, "blobs", "sha256", "stale"), "old");

        OciLayoutWriter.Write(layout, store, TestImages.Build(store, Architecture.Amd64));

        Assert.False(File.Exists(Path.Combine(layout, "blobs", "sha256", "stale")));
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(layout, "oci-layout")));
        Assert.Single(Directory.EnumerateFileSystemEntries(work.Path), e => e.EndsWith("layout", StringComparison.Ordinal));
    }

    [Fact]
    public void A_layout_path_ending_in_a_slash_names_the_folder_itself()
    {
        // `build config tag out/`: the temporary folder goes beside out, not inside it (which cannot be renamed into place).
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        string layout = work.Combine("layout");
        Directory.CreateDirectory(layout);

        OciLayoutWriter.Write(layout + "/", store, TestImages.Build(store, Architecture.Amd64));

        Assert.True(File.Exists(Path.Combine(layout, "index.json")));
        Assert.Equal(new[] { "blobs", "index.json", "oci-layout" }, Directory.EnumerateFileSystemEntries(layout).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Writing_into_a_missing_folder_is_an_output_error()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        var error = Assert.Throws<ImageDslException>(() =>
            ImageTarWriter.Write(work.Combine("no", "such", "image.tar"), store, TestImages.Build(store, Architecture.Amd64), "a:b"));
        Assert.Equal(ErrorKind.Output, error.Kind);
    }
}
