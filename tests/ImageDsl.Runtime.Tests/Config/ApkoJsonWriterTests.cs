using System.Text;
using ImageDsl.Config;

namespace ImageDsl.Tests.Config;

public class ApkoJsonWriterTests
{
    [Theory]
    [InlineData("nginx.yaml")]
    [InlineData("alpine-base-rootless.yaml")]
    [InlineData("certificates.yaml")]
    [InlineData("runtime-keyring.yaml")]
    public void Etc_apko_json_loads_back_to_the_same_configuration(string example)
    {
        var options = new ConfigurationLoadOptions { WorkingDirectory = Fixtures.Shared("apko-examples") };
        LoadedConfiguration loaded = ConfigurationLoader.Load(Fixtures.Shared("apko-examples", "examples", example), options);
        byte[] json = ApkoJsonWriter.Write(loaded.Configuration);

        Assert.Equal((byte)'\n', json[^1]);
        LoadedConfiguration back = ConfigurationLoader.Parse(json, "etc/apko.json", options);
        Assert.Equal(loaded.Configuration, back.Configuration);
    }

    [Fact]
    public void Accounts_is_always_present_as_in_apko()
    {
        string json = Encoding.UTF8.GetString(ApkoJsonWriter.Write(new ImageDsl.Model.ImageConfiguration()));
        Assert.Equal("{\"contents\":{},\"accounts\":{}}\n", json);
    }

    [Fact]
    public void Html_characters_are_escaped_as_apko_escapes_them()
    {
        // apko writes /etc/apko.json with Go's encoding/json, which HTML-escapes &, < and > and
        // escapes U+2028/U+2029; other non-ASCII text stays raw.
        byte[] yaml = Encoding.UTF8.GetBytes("""
            contents:
              packages: [busybox]
            cmd: "a && b < c > d \u2028 é"
            """);
        var options = new ConfigurationLoadOptions { WorkingDirectory = Path.GetTempPath() };
        LoadedConfiguration loaded = ConfigurationLoader.Parse(yaml, "apko.yaml", options);

        string json = Encoding.UTF8.GetString(ApkoJsonWriter.Write(loaded.Configuration));

        Assert.Contains("\"cmd\":\"a \\u0026\\u0026 b \\u003c c \\u003e d \\u2028 é\"", json);
        Assert.Equal(loaded.Configuration, ConfigurationLoader.Parse(Encoding.UTF8.GetBytes(json), "etc/apko.json", options).Configuration);
    }
}
