using System.Text.Json.Nodes;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>
/// The OCI configuration runc runs a command with. As root it is exercised by RunInImageTests; rootless
/// (a test run by a normal user) cannot be run here, so its shape is checked against what runc needs.
/// </summary>
public sealed class RuncBundleTests
{
    private static readonly RunIdentity Hello = new(65532, 65533, "/home/hello", [new("PATH", "/usr/bin"), new("GREETING", "hi there")]);

    /// <summary>The configuration as runc reads it: written to JSON and parsed back.</summary>
    private static JsonObject Written(RunIdentity identity, IReadOnlyList<string> command, uint uid, uint gid) =>
        JsonNode.Parse(RuncBundle.Config(identity, command, uid, gid).ToJsonString())!.AsObject();

    private static string[] Namespaces(JsonObject config) =>
        config["linux"]!["namespaces"]!.AsArray().Select(n => (string)n!["type"]!).Order(StringComparer.Ordinal).ToArray();

    private static JsonNode Mount(JsonObject config, string destination) =>
        config["mounts"]!.AsArray().Single(m => (string?)m!["destination"] == destination)!;

    [Fact]
    public void Carries_the_command_user_work_dir_and_environment()
    {
        JsonObject config = Written(Hello, ["/bin/sh", "-c", "echo $GREETING"], 0, 0);

        JsonNode process = config["process"]!;
        Assert.Equal(["/bin/sh", "-c", "echo $GREETING"], process["args"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["PATH=/usr/bin", "GREETING=hi there"], process["env"]!.AsArray().Select(a => (string)a!));
        Assert.Equal((65532, 65533), ((int)process["user"]!["uid"]!, (int)process["user"]!["gid"]!));
        Assert.Equal("/home/hello", (string)process["cwd"]!);
        Assert.False((bool)process["terminal"]!);
        Assert.True((bool)process["noNewPrivileges"]!);
    }

    [Fact]
    public void As_root_it_has_its_own_namespaces_network_included_and_no_user_mapping()
    {
        JsonObject config = Written(Hello, ["true"], 0, 0);

        Assert.Equal(["ipc", "mount", "network", "pid", "uts"], Namespaces(config));
        Assert.Null(config["linux"]!["uidMappings"]);
        Assert.Equal("sysfs", (string)Mount(config, "/sys")["type"]!);
    }

    [Fact]
    public void Rootless_it_maps_the_image_user_to_the_caller_and_binds_sys()
    {
        JsonObject config = Written(Hello, ["true"], 1000, 100);

        Assert.Equal(["ipc", "mount", "network", "pid", "user", "uts"], Namespaces(config));
        JsonNode uid = Assert.Single(config["linux"]!["uidMappings"]!.AsArray())!;
        JsonNode gid = Assert.Single(config["linux"]!["gidMappings"]!.AsArray())!;
        Assert.Equal((65532, 1000, 1), ((int)uid["containerID"]!, (int)uid["hostID"]!, (int)uid["size"]!));
        Assert.Equal((65533, 100, 1), ((int)gid["containerID"]!, (int)gid["hostID"]!, (int)gid["size"]!));
        // A rootless container may not mount sysfs or give devpts a group.
        Assert.Contains("rbind", Mount(config, "/sys")["options"]!.AsArray().Select(o => (string)o!));
        Assert.DoesNotContain("gid=5", Mount(config, "/dev/pts")["options"]!.AsArray().Select(o => (string)o!));
    }
}
