using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tests.ConsoleOutput;

public class CommandOutputTests
{
    [Fact]
    public void Text_mode_writes_the_text_and_notes_to_stdout()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ICommandOutput output = new CommandOutput(json: false, stdout, stderr);
        output.WriteNote("wrote a");
        output.WriteResult(new JsonObject { ["n"] = 1 }, text => text.WriteLine("one thing"));
        Assert.Equal("wrote a\none thing\n", stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Json_mode_keeps_stdout_one_parseable_document()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ICommandOutput output = new CommandOutput(json: true, stdout, stderr);
        output.WriteNote("wrote a");
        output.WriteResult(new JsonObject { ["path"] = "/etc/apk/keys/a+b@c.rsa.pub", ["bytes"] = 1024 }, text => text.WriteLine("ignored"));

        using JsonDocument document = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(1024, document.RootElement.GetProperty("bytes").GetInt32());
        Assert.Contains("a+b@c.rsa.pub", stdout.ToString()); // readable, not \u002B escapes
        Assert.Equal("wrote a\n", stderr.ToString().ReplaceLineEndings("\n"));
    }
}
