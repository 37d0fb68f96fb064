using System.Text.Json.Nodes;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Tests.Config;

/// <summary>The JSON schema of apko.yaml: well-formed, in step with the reader, and satisfied by apko's examples.</summary>
public class SchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(ConfigurationSchema.Json)!.AsObject();
    private static readonly TinySchemaValidator Validator = new(Schema);

    private static JsonObject Def(string name) => Schema["$defs"]![name]!.AsObject();

    [Fact]
    public void Is_a_draft_2020_12_schema_whose_objects_all_refuse_unknown_properties()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Schema["$schema"]);
        var objects = Schema["$defs"]!.AsObject().Where(d => (string?)d.Value!["type"] == "object" && d.Value["properties"] is not null).ToList();
        Assert.Equal(13, objects.Count);
        Assert.All(objects, d => Assert.False((bool)d.Value!["additionalProperties"]!, d.Key));
    }

    [Fact]
    public void Enumerates_the_architectures_the_reader_accepts()
    {
        string[] names = Def("Architecture")["enum"]!.AsArray().Select(n => (string)n!).ToArray();
        Assert.Equal(ArchitectureNames.Canonical, names.Take(9));
        Assert.All(names, n => Assert.True(Architecture.TryParse(n, out _), n));
        Assert.All(names.Skip(9), n => Assert.True(ArchitectureNames.IsAlias(n), n));
    }

    [Fact]
    public void Enumerates_the_path_types_and_the_entrypoint_type()
    {
        Assert.Equal(Enum.GetValues<PathMutationType>().Select(PathMutation.TypeName),
            Def("PathMutation")["properties"]!["type"]!["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal([ImageEntrypoint.ServiceBundle], Def("ImageEntrypoint")["properties"]!["type"]!["enum"]!.AsArray().Select(n => (string)n!));
    }

    public static TheoryData<string> Examples() => ApkoExamplesTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_apko_example_validates(string name)
    {
        string yaml = File.ReadAllText(Fixtures.Shared("apko-examples", "examples", name));
        Assert.Empty(Validator.Validate(TinySchemaValidator.YamlToJson(yaml)));
    }

    [Fact]
    public void The_writers_output_of_every_field_validates()
    {
        var everything = new ImageConfiguration
        {
            Contents = new ImageContents
            {
                BuildRepositories = ["./build"], RuntimeRepositories = ["https://r"], Repositories = ["@local ./repo"],
                Keyring = ["k.rsa.pub"], RuntimeKeyring = [new RuntimeKey("r.rsa.pub", "PEM")], Packages = ["busybox@local"],
                BaseImage = new BaseImage("./base", "./index"),
                Local = [new LocalContent { Path = "bin/publish", To = "/app", Name = "myapp", Version = "1.0.0-r0", Arch = "x86_64", Owner = "app" }],
            },
            Entrypoint = new ImageEntrypoint { Type = "service-bundle", Command = "/bin/x", ShellFragment = "echo", Services = ValueMap.Of(("web", "/bin/web")) },
            Cmd = "-l", StopSignal = "SIGTERM", WorkDir = "/", VcsUrl = "https://x@abc", Include = "base.yaml", Format = "tar",
            Accounts = new ImageAccounts
            {
                RunAs = "app",
                Users = [new UserAccount { UserName = "app", Uid = 1, Gid = 2, Shell = "/bin/sh", HomeDir = "/app" }],
                Groups = [new GroupAccount { GroupName = "app", Gid = 2, Members = ["app"] }],
            },
            Archs = [Architecture.ArmV7], Environment = ValueMap.Of(("A", "1")), Annotations = ValueMap.Of(("org.a", "1")),
            Paths = [new PathMutation { Path = "/x", Type = PathMutationType.Symlink, Uid = 1, Gid = 1, Permissions = 0x1ED, Source = "/y", Recursive = true }],
            Volumes = ["/data"], Layering = new ImageLayering("origin", 2),
            Certificates = new ImageCertificates { Additional = [new AdditionalCertificate("ca", "-----BEGIN CERTIFICATE-----")], Providers = ["ca-certs"] },
        };
        JsonNode json = TinySchemaValidator.YamlToJson(ApkoYamlWriter.Write(everything))!;
        Assert.Empty(Validator.Validate(json));
        // Every top-level property the schema lists was written, so schema and writer agree on spelling.
        Assert.Equal(Def("ImageConfiguration")["properties"]!.AsObject().Select(p => p.Key).Order(), json.AsObject().Select(p => p.Key).Order());
        Assert.Equal(Def("ImageContents")["properties"]!.AsObject().Select(p => p.Key).Order(), json["contents"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(Def("LocalContent")["properties"]!.AsObject().Select(p => p.Key).Order(), json["contents"]!["local"]![0]!.AsObject().Select(p => p.Key).Order());
    }

    [Theory]
    [InlineData("contents: {pakages: [a]}", "unknown property 'pakages'")]
    [InlineData("archs: [amd46]", "is not one of")]
    [InlineData("accounts: {users: [{username: a, uid: 0}]}", "0 < 1")]
    [InlineData("paths: [{path: /a, type: folder}]", "is not one of")]
    [InlineData("paths: [{path: /a, type: directory, permissions: 0o17777}]", "8191 > 4095")]
    [InlineData("annotations: {Org.X: y}", "does not match")]
    [InlineData("contents: {repositories: ['edge https://x']}", "does not match")]
    [InlineData("entrypoint: {type: bundle}", "is not one of")]
    [InlineData("contents: [a]", "expected object")]
    [InlineData("contents: {local: [{path: p, name: a, to: app}]}", "does not match")]
    [InlineData("contents: {local: [{path: p, name: a, arch: amd64}]}", "is not one of")]
    [InlineData("contents: {local: [{name: a}]}", "path")]
    public void Invalid_documents_fail_the_schema(string yaml, string fragment)
    {
        var errors = Validator.Validate(TinySchemaValidator.YamlToJson(yaml));
        Assert.Contains(errors, e => e.Contains(fragment, StringComparison.Ordinal));
    }
}
