using System.Formats.Tar;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Packages that try to write outside the image root. Each is either refused (an Integrity error naming
/// the package and the entry) or confined: the build succeeds, a sentinel folder on the host is untouched,
/// and no layer entry could escape an extraction root (checked by reading the layers back, and by
/// extracting them with GNU tar into a scratch root).
/// </summary>
public sealed class PathEscapeTests : IDisposable
{
    private readonly TempDirectory _sentinel = new("imagedsl-hostile-sentinel");
    private readonly TempDirectory _cache = new("imagedsl-hostile-cache");

    public PathEscapeTests()
    {
        File.WriteAllText(_sentinel.Combine("passwd"), "sentinel\n");
    }

    public void Dispose()
    {
        _sentinel.Dispose();
        _cache.Dispose();
    }

    private static HostileEntry F(string name, string text = "owned\n") => HostileEntry.File(name, text);

    private static HostileEntry D(string name) => HostileEntry.Directory(name);

    private static HostileEntry L(string name, string target) => HostileEntry.Symlink(name, target);

    /// <summary>Case → entries of the package `evil`, and the fragments of the refusal (null: confined, must build).</summary>
    private static Dictionary<string, (Func<string, HostileEntry[]> Entries, string[]? Refusal)> Cases { get; } = new()
    {
        ["../ in a name"] = (s => [F("../etc/passwd")], ["package evil-1.0-r0", "unsafe entry '../etc/passwd'", "'..' component"]),
        ["absolute name"] = (s => [F(s + "/passwd")], ["package evil-1.0-r0", $"unsafe entry '/tmp/", "absolute path"]),
        [".. hidden after normalisation"] = (s => [D("etc"), F("./etc/./../../x")], ["package evil-1.0-r0", "'..' component"]),
        ["long PAX name with .."] = (s => [F(string.Concat(Enumerable.Repeat("deep/", 30)) + "../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../x")],
            ["package evil-1.0-r0", "'..' component"]),
        ["NUL byte in a PAX path"] = (s => [D("etc") with { RawPath = "etc\0/../../shadow" }], ["package evil-1.0-r0", "NUL byte"]),
        ["hard link to ../"] = (s => [HostileEntry.HardLink("x", "../../etc/shadow")], ["package evil-1.0-r0", "hard link target '../../etc/shadow' is unsafe"]),
        ["hard link to an absolute path"] = (s => [HostileEntry.HardLink("x", s + "/passwd")], ["package evil-1.0-r0", "hard link target", "is unsafe"]),
        ["hard link through a symlink"] = (s => [L("up", "/"), HostileEntry.HardLink("x", "up" + s + "/passwd")], ["package evil-1.0-r0", "unsafe entry 'x': it is a hard link to 'up/", "not an earlier regular file of this package"]),
        ["character device outside /dev"] = (s => [D("etc"), new HostileEntry("etc/mem", TarEntryType.CharacterDevice) { DeviceMajor = 1, DeviceMinor = 1 }],
            ["evil-1.0-r0", "device node /etc/mem outside /dev"]),
        ["block device at the root"] = (s => [new HostileEntry("sda", TarEntryType.BlockDevice) { DeviceMajor = 8, DeviceMinor = 0 }], ["evil-1.0-r0", "device node /sda outside /dev"]),
        ["symlink loop, then a file through it"] = (s => [L("a", "b"), L("b", "a"), F("a/x")], ["evil-1.0-r0: cannot install /a/x", "too many levels of symbolic links"]),
        ["directory symlink to the host, then a file through it"] = (s => [L("data", s), F("data/passwd")],
            ["evil-1.0-r0: cannot install /data/passwd", "parent directory does not exist"]),
        ["symlink to ../../.. + host path, then a directory through it"] = (s => [L("up", "../../../../.." + s), D("up/sub")],
            ["evil-1.0-r0: cannot install /up/sub", "is not a directory"]),
        ["directory symlink naming a host folder that the image also has"] = (s => [.. Parents(s), L("hostdir", s), F("hostdir/passwd")], null),
        ["symlink to ../../.., then a file through it"] = (s => [D("etc"), L("up", "../../.."), F("up/etc/evil")], null),
        ["file replacing a symlink to the host"] = (s => [L("passwd", s + "/passwd"), F("passwd", "replaced\n")], null),
        ["absolute symlink left in the image"] = (s => [L("hostpasswd", s + "/passwd")], null),
        ["backslashes are just characters"] = (s => [F("..\\..\\x")], null),
    };

    /// <summary>
    /// Regular files below <paramref name="folder"/>, never following a symlink: the extracted image holds
    /// links like `up -> ../../..`, which on the host lead to `/`.
    /// </summary>
    private static IEnumerable<string> RegularFiles(string folder)
    {
        foreach (FileSystemInfo item in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (item.LinkTarget is not null)
            {
                continue;
            }
            if (item is DirectoryInfo directory)
            {
                foreach (string file in RegularFiles(directory.FullName))
                {
                    yield return file;
                }
            }
            else if (item is FileInfo file)
            {
                yield return file.FullName;
            }
        }
    }

    /// <summary>Directories in the image with the same names as the host path <paramref name="hostPath"/>.</summary>
    private static HostileEntry[] Parents(string hostPath)
    {
        string[] parts = hostPath.Trim('/').Split('/');
        return [.. Enumerable.Range(1, parts.Length).Select(n => D(string.Join('/', parts[..n])))];
    }

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task No_package_writes_outside_the_root(string name)
    {
        using var repo = new HostileRepository(withPackages: false);
        (Func<string, HostileEntry[]> entries, string[]? refusal) = Cases[name];
        repo.WriteRaw("evil-1.0-r0.apk", HostileApk.Package("evil", entries(_sentinel.Path)));
        repo.Index(); // opening checks only the members and the datahash, which are right: the entries are the problem
        string yaml = repo.Configuration(null, "evil");

        if (refusal is not null)
        {
            (ImageDslException error, _) = await HostileBuild.FailAsync(yaml, _cache.Path);
            // Names and links that escape are Integrity errors; a write below a symlink that leads nowhere in the image is a Build error.
            Assert.True(error.Kind is ErrorKind.Integrity or ErrorKind.Build, $"{error.Kind}: {error.Message}");
            Assert.True(refusal.All(f => error.Message.Contains(f, StringComparison.Ordinal)), error.Message);
            foreach (string fragment in refusal)
            {
                Assert.Contains(fragment, error.Message);
            }
        }
        else
        {
            List<string> problems = [];
            using var root = new TempDirectory("imagedsl-hostile-extracted");
            await HostileBuild.RunAsync(yaml, _cache.Path, image =>
            {
                problems = LayerInspector.Escapes(image);
                LayerInspector.ExtractWithTar(image, root.Path);
            });
            Assert.Empty(problems);
            // Every file the package wrote is inside the extracted image (through the symlinks, resolved in the image).
            int written = entries(_sentinel.Path).Count(e => e.Type == TarEntryType.RegularFile && e.Content is [.. var c] && c.SequenceEqual("owned\n"u8.ToArray()));
            int found = RegularFiles(root.Path).Count(f => File.ReadAllText(f) == "owned\n");
            Assert.Equal(written, found);
        }
        Assert.Equal(["passwd"], Directory.GetFileSystemEntries(_sentinel.Path).Select(Path.GetFileName));
        Assert.Equal("sentinel\n", File.ReadAllText(_sentinel.Combine("passwd")));
    }

    [Fact]
    public void There_are_at_least_ten_cases() => Assert.True(Cases.Count >= 10, $"{Cases.Count} cases");
}
