using System.Text.Json.Nodes;

namespace ImageDsl.Testing.Running;

/// <summary>
/// The OCI runtime configuration (config.json) runc runs a command with: the image's user, work dir and
/// environment, its own pid, network (loopback only), ipc, uts and mount namespaces. As root the
/// container sees the image's owners; otherwise it is rootless, the image's uid and gid mapped to ours.
/// </summary>
internal static class RuncBundle
{
    internal static JsonObject Config(RunIdentity identity, IReadOnlyList<string> command, uint hostUid, uint hostGid)
    {
        bool rootless = hostUid != 0;
        var namespaces = new JsonArray(
            new JsonObject { ["type"] = "pid" }, new JsonObject { ["type"] = "network" }, new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "uts" }, new JsonObject { ["type"] = "mount" });
        var mounts = new JsonArray(
            Mount("/proc", "proc", "proc"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/dev/pts", "devpts", "devpts", rootless ? ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"] : ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
            // A rootless container may not mount sysfs; it gets the host's, read-only, as `runc spec --rootless` does.
            rootless ? Mount("/sys", "none", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro") : Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
        // Docker's default set, so a command running as root in the image can do what `docker run` lets it.
        string[] capabilities = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"];
        var linux = new JsonObject
        {
            ["namespaces"] = namespaces,
            ["maskedPaths"] = new JsonArray("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
            ["readonlyPaths"] = new JsonArray("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
        };
        if (rootless)
        {
            namespaces.Add(new JsonObject { ["type"] = "user" });
            linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = identity.Uid, ["hostID"] = hostUid, ["size"] = 1 });
            linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = identity.Gid, ["hostID"] = hostGid, ["size"] = 1 });
        }
        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = new JsonObject { ["uid"] = identity.Uid, ["gid"] = identity.Gid },
                ["args"] = new JsonArray([.. command.Select(a => (JsonNode)a)]),
                ["env"] = new JsonArray([.. identity.Environment.Select(e => (JsonNode)(e.Key + "=" + e.Value))]),
                ["cwd"] = identity.WorkingDirectory,
                ["capabilities"] = new JsonObject
                {
                    ["bounding"] = Strings(capabilities),
                    ["effective"] = Strings(capabilities),
                    ["permitted"] = Strings(capabilities),
                },
                ["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["hard"] = 1024, ["soft"] = 1024 }),
                ["noNewPrivileges"] = true,
            },
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false },
            ["hostname"] = "imagedsl-test",
            ["mounts"] = mounts,
            ["linux"] = linux,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static JsonObject Mount(string destination, string type, string source, params string[] options)
    {
        var mount = new JsonObject { ["destination"] = destination, ["type"] = type, ["source"] = source };
        if (options.Length > 0)
        {
            mount["options"] = Strings(options);
        }
        return mount;
    }
}
