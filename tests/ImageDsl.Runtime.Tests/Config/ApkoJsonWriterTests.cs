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
}
