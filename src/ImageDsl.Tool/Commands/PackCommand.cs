using System.CommandLine;
using System.Globalization;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image pack`: a folder → an .apk, laid out as abuild makes them.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder holding the package's files, laid out as in the image (etc/..., usr/...)." };
        var name = new Option<string>("--name") { Description = "Package name.", Required = true };
        var version = new Option<string>("--version") { Description = "Package version, e.g. 1.0.0-r0.", Required = true };
        var arch = new Option<string>("--arch") { Description = "apk architecture: x86_64, aarch64, ... or noarch (OCI names such as amd64 are mapped).", Required = true };
        var depends = Many("--depends", "A dependency (name, name>=1.0, so:libc.so.6, cmd:sh); repeat for more.");
        var provides = Many("--provides", "A virtual name this package provides (cmd:hello=1.0.0-r0); repeat for more.");
        var replaces = Many("--replaces", "A package whose files this one may overwrite; repeat for more.");
        var installIf = Many("--install-if", "Install automatically when all of these are installed; repeat for more.");
        var description = Text("--description", "One-line description (pkgdesc).");
        var license = Text("--license", "License, an SPDX expression.");
        var origin = Text("--origin", "Source package name (default: --name).");
        var url = Text("--url", "Project URL.");
        var maintainer = Text("--maintainer", "Maintainer, e.g. 'Name <mail@example.org>'.");
        var commit = Text("--commit", "Source commit.");
        var priority = new Option<long?>("--provider-priority") { Description = "Priority among providers of the same virtual name." };
        var builddate = new Option<long?>("--builddate", "--source-date-epoch")
        {
            Description = "Build date, Unix seconds; also every file's mtime (default: $SOURCE_DATE_EPOCH, else 0).",
        };
        var sign = new Option<string?>("--sign") { Description = "Private key (.rsa) to sign the package with." };
        var preserve = new Option<bool>("--preserve-permissions")
        {
            Description = "Keep exact file modes (setuid, 0600...). Default: dirs 0755, files 0755 if executable else 0644. Owners are always 0:0.",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Output .apk path or folder (default: ./<name>-<version>.apk)." };
        var command = new Command("pack",
            "Make an .apk from a folder: a PAX data tar with per-file SHA-1 records, a .PKGINFO control member and,\n" +
            "with --sign, an RSA-SHA256 signature. The same inputs give the same bytes.\n\n" +
            "Example:\n  dotnet image pack ./root --name hello --version 1.0.0-r0 --arch x86_64 --depends busybox --sign sample.rsa -o repo/x86_64/")
        {
            dir, name, version, arch, depends, provides, replaces, installIf, description, license, origin, url, maintainer, commit,
            priority, builddate, sign, preserve, output,
        };
        command.SetAction(parse =>
        {
            string packageName = parse.GetValue(name)!;
            var info = new PackageInfo
            {
                Name = packageName,
                Version = parse.GetValue(version)!,
                Arch = ApkArch(parse.GetValue(arch)!),
                Description = parse.GetValue(description) ?? "",
                License = parse.GetValue(license) ?? "",
                Origin = parse.GetValue(origin) ?? packageName,
                Url = parse.GetValue(url) ?? "",
                Maintainer = parse.GetValue(maintainer) ?? "",
                Commit = parse.GetValue(commit) ?? "",
                ProviderPriority = parse.GetValue(priority),
                BuildDate = parse.GetValue(builddate) ?? Build.SourceDateEpoch.FromEnvironment()?.Date?.ToUnixTimeSeconds() ?? 0,
                Depends = parse.GetValue(depends) ?? [],
                Provides = parse.GetValue(provides) ?? [],
                Replaces = parse.GetValue(replaces) ?? [],
                InstallIf = parse.GetValue(installIf) ?? [],
            };
            IReadOnlyList<PackEntry> entries = PackageContents.FromDirectory(parse.GetValue(dir)!, parse.GetValue(preserve));
            string path = OutputPath(parse.GetValue(output), info);
            using ApkPrivateKey? key = parse.GetValue(sign) is { } keyPath ? ApkPrivateKey.FromFile(keyPath) : null;
            ApkWriteResult result = ApkPackageWriter.WriteFile(path, info, entries, key);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {path} ({result.Info.NameVersion} {result.Info.Arch}, {result.Size} bytes, C:{result.ControlChecksum}" +
                (result.SignedBy is null ? ", unsigned)" : $", signed with {result.SignedBy})"));
            return 0;
        });
        return command;
    }

    private static Option<string[]> Many(string name, string description) => new(name) { Description = description };

    private static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <summary>apk names pass through; OCI names (amd64, arm64...) map to apk names.</summary>
    private static string ApkArch(string arch) =>
        arch == "noarch" || !ArchitectureNames.TryCanonicalize(arch, out string canonical)
            ? arch
            : ArchitectureNames.ToApk(canonical);

    private static string OutputPath(string? output, PackageInfo info)
    {
        string fileName = $"{info.NameVersion}.apk";
        if (string.IsNullOrEmpty(output))
        {
            return fileName;
        }
        return Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar)
            ? Path.Combine(output, fileName)
            : output;
    }
}
