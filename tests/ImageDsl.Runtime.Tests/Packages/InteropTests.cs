using System.Text.Json;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Packages;

/// <summary>Independent tools (python's zlib/tarfile, openssl) must read and verify what we write.</summary>
public class InteropTests
{
    private const string Inspect = """
        import base64, hashlib, io, json, sys, tarfile, zlib
        data = open(sys.argv[1], 'rb').read()
        members, pos = [], 0
        while pos < len(data):
            d = zlib.decompressobj(31)
            content = d.decompress(data[pos:])
            end = len(data) - len(d.unused_data)
            members.append((pos, end, content))
            pos = end
        sig, ctl, dat = members
        open(sys.argv[2], 'wb').write(data[ctl[0]:ctl[1]])
        t = tarfile.open(fileobj=io.BytesIO(sig[2]))
        s = t.next()
        open(sys.argv[3], 'wb').write(t.extractfile(s).read())
        pkginfo = tarfile.open(fileobj=io.BytesIO(ctl[2])).extractfile('.PKGINFO').read().decode()
        files = {}
        tar = tarfile.open(fileobj=io.BytesIO(dat[2]))
        for m in tar:
            entry = {'type': m.type.decode(), 'mode': m.mode, 'uid': m.uid, 'mtime': m.mtime, 'link': m.linkname}
            if m.isfile():
                body = tar.extractfile(m).read()
                entry['ok'] = hashlib.sha1(body).hexdigest() == m.pax_headers['APK-TOOLS.checksum.SHA1']
            files[m.name] = entry
        print(json.dumps({'members': len(members), 'signame': s.name,
            'C': 'Q1' + base64.b64encode(hashlib.sha1(data[ctl[0]:ctl[1]]).digest()).decode(),
            'datahash': hashlib.sha256(data[dat[0]:]).hexdigest(), 'pkginfo': pkginfo, 'files': files}))
        """;

    [Fact]
    public void Python_and_openssl_read_and_verify_a_package_we_wrote()
    {
        string python = RequiredTool.Find("python3", "python3");
        string openssl = RequiredTool.Find("openssl", "openssl");
        using var dir = new TempDirectory();
        using ApkPrivateKey key = ApkPrivateKey.Generate("interop.rsa.pub", 2048);
        File.WriteAllText(dir.Combine("interop.rsa.pub"), key.ExportPublicPem());
        string apk = dir.Combine("hello-1.0-r0.apk");
        ApkWriteResult result = ApkPackageWriter.WriteFile(apk,
            new PackageInfo { Name = "hello", Version = "1.0-r0", Arch = "x86_64", BuildDate = 1700000000 },
            [
                PackEntry.File("usr/bin/hello", "#!/bin/sh\necho hello\n"u8.ToArray(), mode: 0x1ED),
                PackEntry.File("etc/a-name-long-enough-to-need-a-pax-path-record/" + new string('x', 90), "long\n"u8.ToArray()),
                PackEntry.Symlink("usr/bin/hi", "hello"),
            ],
            key);
        File.WriteAllText(dir.Combine("inspect.py"), Inspect);

        ProcessResult run = ProcessRunner.Run(python, [dir.Combine("inspect.py"), apk, dir.Combine("control.gz"), dir.Combine("sig")]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument json = JsonDocument.Parse(run.StandardOutput);
        JsonElement root = json.RootElement;
        Assert.Equal(3, root.GetProperty("members").GetInt32());
        Assert.Equal(".SIGN.RSA256.interop.rsa.pub", root.GetProperty("signame").GetString());
        Assert.Equal(result.ControlChecksum, root.GetProperty("C").GetString());
        Assert.Contains($"datahash = {root.GetProperty("datahash").GetString()}\n", root.GetProperty("pkginfo").GetString());
        JsonElement files = root.GetProperty("files");
        Assert.True(files.GetProperty("usr/bin/hello").GetProperty("ok").GetBoolean());
        Assert.Equal(0x1ED, files.GetProperty("usr/bin/hello").GetProperty("mode").GetInt32());
        Assert.Equal(1700000000, files.GetProperty("usr/bin/hello").GetProperty("mtime").GetInt64());
        Assert.True(files.GetProperty("etc/a-name-long-enough-to-need-a-pax-path-record/" + new string('x', 90)).GetProperty("ok").GetBoolean());
        Assert.Equal("hello", files.GetProperty("usr/bin/hi").GetProperty("link").GetString());
        Assert.Equal("5", files.GetProperty("usr").GetProperty("type").GetString());

        ProcessResult verify = ProcessRunner.Run(openssl,
            ["dgst", "-sha256", "-verify", dir.Combine("interop.rsa.pub"), "-signature", dir.Combine("sig"), dir.Combine("control.gz")]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("Verified OK", verify.StandardOutput);
    }
}
