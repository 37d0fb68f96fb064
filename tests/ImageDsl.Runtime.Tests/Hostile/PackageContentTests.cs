using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Signed packages whose data tar carries values that are well-formed tar but hostile to what we build from
/// them: global PAX records, owner ids that wrap to root, times no clock holds, names that forge installed
/// database records, and devices that a symlink leads out of /dev. Each is refused with an Integrity error
/// naming the package (and the entry), before anything is written.
/// </summary>
public sealed class PackageContentTests : IDisposable
{
    private readonly TempDirectory _cache = new("imagedsl-hostile-content-cache");

    public void Dispose() => _cache.Dispose();

    /// <summary>A tar entry written by the Runtime's own DeterministicTarWriter, which writes any value asked for.</summary>
    private sealed record Raw(TarEntryHeader Spec, byte[]? Content = null);

    private static Raw File(string name, string text = "x\n", int mode = 0x1A4, long uid = 0, long gid = 0, params (string Key, string Value)[] pax)
    {
        byte[] content = Encoding.UTF8.GetBytes(text);
        var records = new List<KeyValuePair<string, byte[]>> { new("APK-TOOLS.checksum.SHA1", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA1.HashData(content)))) };
        records.AddRange(pax.Select(p => new KeyValuePair<string, byte[]>(p.Key, Encoding.UTF8.GetBytes(p.Value))));
        return new Raw(AbuildTar.Entry(name, '0') with { Mode = (UnixFileMode)(mode), Uid = uid, Gid = gid, Size = content.Length, ModificationTime = 1700000000, PaxRecords = records }, content);
    }

    private static Raw Dir(string name) => new(AbuildTar.Entry(name, '5') with { Mode = (UnixFileMode)(0x1ED), ModificationTime = 1700000000 });

    private static Raw Link(string name, string target) => new(AbuildTar.Entry(name, '2') with
    {
        Mode = (UnixFileMode)(0x1FF),
        LinkName = target,
        ModificationTime = 1700000000,
        PaxRecords = [new("APK-TOOLS.checksum.SHA1", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(target)))))],
    });

    private static Raw CharDevice(string name) => new(AbuildTar.Entry(name, '3') with { Mode = (UnixFileMode)(0x1B6), DeviceMajor = 1, DeviceMinor = 1, ModificationTime = 1700000000 });

    /// <summary>A global PAX header ('g'): DeterministicTarWriter writes the header, the records follow as its content.</summary>
    private static Raw Global(string key, string value) => new(AbuildTar.Entry("pax_global_header", 'g') with
    {
        Size = DeterministicTarWriter.FormatPax([new(key, Encoding.UTF8.GetBytes(value))]).Length,
    }, DeterministicTarWriter.FormatPax([new(key, Encoding.UTF8.GetBytes(value))]));

    private static byte[] Tar(IEnumerable<Raw> entries)
    {
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        foreach (Raw entry in entries)
        {
            if (entry.Spec.Kind == TarEntryKind.GlobalPaxHeader)
            {
                builder.WriteEntry(entry.Spec); // the header only: the writer copies content for regular files only
                tar.Write(entry.Content);
                tar.Write(new byte[(512 - entry.Content!.Length % 512) % 512]);
                continue;
            }
            builder.WriteEntry(entry.Spec, entry.Content is null ? null : new MemoryStream(entry.Content));
        }
        builder.Finish();
        return tar.ToArray();
    }

    private static Dictionary<string, (Raw[] Entries, string[] Refusal)> Cases { get; } = new()
    {
        ["global PAX path renaming the next file"] = ([Dir("etc"), Global("path", "etc/shadow"), File("etc/motd")],
            ["package evil-1.0-r0", "global PAX header (tar type 'g')"]),
        ["global PAX xattr for every later file"] = ([Global("SCHILY.xattr.security.capability", "xxxx"), Dir("bin"), File("bin/a")],
            ["package evil-1.0-r0", "global PAX header"]),
        ["uid 2^32 on a setuid file (would wrap to root)"] = ([Dir("bin"), File("bin/su", mode: 0x9ED, uid: 4294967296)],
            ["package evil-1.0-r0", "entry 'bin/su' has uid 4294967296, outside the accepted 0..2147483647"]),
        ["uid 2^31 (would turn negative)"] = ([Dir("bin"), File("bin/x", uid: 2147483648)],
            ["package evil-1.0-r0", "entry 'bin/x' has uid 2147483648"]),
        ["gid 2^32-1"] = ([Dir("bin"), File("bin/x", mode: 0x5ED, gid: 4294967295)],
            ["package evil-1.0-r0", "entry 'bin/x' has gid 4294967295"]),
        ["mtime past year 9999"] = ([Dir("etc"), File("etc/x", pax: ("mtime", "99999999999999"))],
            ["package evil-1.0-r0", "entry 'etc/x' has the modification time 99999999999999, outside years 1-9999"]),
        ["newline in a file name (a forged installed-db record)"] = ([Dir("etc"), File("etc/x\n\nC:Q1forged=\nP:forged\nV:1")],
            ["package evil-1.0-r0", "unsafe entry 'etc/x\\n\\nC:Q1forged=\\nP:forged\\nV:1'", "control character \\n"]),
        ["escape character in a file name"] = ([Dir("etc"), File("etc/\u001b[2Jx")], ["package evil-1.0-r0", "control character \\u001b"]),
        ["device below a /dev symlink to /etc"] = ([Dir("etc"), Dir("dev"), Link("dev/x", "/etc"), CharDevice("dev/x/mem")],
            ["evil-1.0-r0 ships the device node /dev/x/mem, which a symlink in the image leads outside /dev"]),
        ["device below a chain of /dev symlinks ending in ../etc"] = ([Dir("etc"), Dir("dev"), Link("dev/b", "../etc"), Link("dev/a", "b"), CharDevice("dev/a/mem")],
            ["evil-1.0-r0 ships the device node /dev/a/mem, which a symlink in the image leads outside /dev"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_content_is_refused_naming_the_package(string name)
    {
        (Raw[] entries, string[] refusal) = Cases[name];
        using var repo = new HostileRepository(withPackages: false);
        repo.WriteRaw("evil-1.0-r0.apk", HostileApk.Package(Info("evil"), Tar(entries), HostileKeys.Trusted));
        repo.Index();

        (ImageDslException error, _) = await HostileBuild.FailAsync(repo.Configuration(null, "evil"), _cache.Path);

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        foreach (string fragment in refusal)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public async Task A_device_behind_a_symlink_that_stays_in_dev_is_accepted()
    {
        using var repo = new HostileRepository(withPackages: false);
        Raw[] entries = [Dir("dev"), Dir("dev/sub"), Link("dev/alias", "sub"), CharDevice("dev/alias/tty"), File("dev/sub/keep", uid: 2147483647, gid: 65534)];
        repo.WriteRaw("fine-1.0-r0.apk", HostileApk.Package(Info("fine"), Tar(entries), HostileKeys.Trusted));
        repo.Index();

        List<(string Name, System.Formats.Tar.TarEntryType Type, string LinkName)> entries2 = [];
        await HostileBuild.RunAsync(repo.Configuration(null, "fine"), _cache.Path, image => entries2 = LayerInspector.Entries(image));

        Assert.Contains(entries2, e => e.Name.TrimStart('.', '/') == "dev/sub/tty" && e.Type == System.Formats.Tar.TarEntryType.CharacterDevice);
    }

    private static PackageInfo Info(string name) =>
        new() { Name = name, Version = "1.0-r0", Arch = HostileRepository.Arch, Origin = name, BuildDate = 1700000000 };

    [Fact]
    public void There_is_a_case_per_hostile_value() => Assert.True(Cases.Count >= 10);
}
