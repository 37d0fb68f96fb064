using System.Text.Encodings.Web;
using System.Text.Json;
using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// Writes the configuration as JSON with apko's field names and order: the `/etc/apko.json` inside
/// every image (the locked configuration it was built from). YAML is a superset of JSON, so the
/// file loads back with <see cref="ConfigurationLoader"/>.
/// </summary>
public static class ApkoJsonWriter
{
    /// <summary>Compact JSON followed by a newline, as Go's json.Encoder writes it.</summary>
    public static byte[] Write(ImageConfiguration c)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            Contents(w, c.Contents);
            if (c.Entrypoint is { } e && e != new ImageEntrypoint())
            {
                w.WriteStartObject("entrypoint");
                Text(w, "type", e.Type);
                Text(w, "command", e.Command);
                Text(w, "shell-fragment", e.ShellFragment);
                Map(w, "services", e.Services);
                w.WriteEndObject();
            }
            Text(w, "cmd", c.Cmd);
            Text(w, "stop-signal", c.StopSignal);
            Text(w, "work-dir", c.WorkDir);
            Accounts(w, c.Accounts ?? new ImageAccounts());
            List(w, "archs", c.Archs.Select(a => a.Name));
            Map(w, "environment", c.Environment);
            if (!c.Paths.IsEmpty)
            {
                w.WriteStartArray("paths");
                foreach (PathMutation p in c.Paths)
                {
                    w.WriteStartObject();
                    w.WriteString("path", p.Path);
                    w.WriteString("type", PathMutation.TypeName(p.Type));
                    Number(w, "uid", p.Uid);
                    Number(w, "gid", p.Gid);
                    Number(w, "permissions", p.Permissions);
                    Text(w, "source", p.Source);
                    if (p.Recursive)
                    {
                        w.WriteBoolean("recursive", true);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            Text(w, "vcs-url", c.VcsUrl);
            Map(w, "annotations", c.Annotations);
            List(w, "volumes", c.Volumes);
            if (c.Layering is { } l)
            {
                w.WriteStartObject("layering");
                w.WriteString("strategy", l.Strategy);
                w.WriteNumber("budget", l.Budget);
                w.WriteEndObject();
            }
            Text(w, "format", c.Format);
            if (c.Certificates is { } certs)
            {
                w.WriteStartObject("certificates");
                NamedContents(w, "additional", certs.Additional.Select(a => (a.Name, a.Content)));
                List(w, "providers", certs.Providers);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Contents(Utf8JsonWriter w, ImageContents c)
    {
        w.WriteStartObject("contents");
        List(w, "build_repositories", c.BuildRepositories);
        List(w, "runtime_repositories", c.RuntimeRepositories);
        List(w, "repositories", c.Repositories);
        List(w, "keyring", c.Keyring);
        NamedContents(w, "runtime_keyring", c.RuntimeKeyring.Select(k => (k.Name, k.Content)));
        List(w, "packages", c.Packages);
        w.WriteEndObject();
    }

    private static void Accounts(Utf8JsonWriter w, ImageAccounts a)
    {
        w.WriteStartObject("accounts");
        Text(w, "run-as", a.RunAs);
        if (!a.Users.IsEmpty)
        {
            w.WriteStartArray("users");
            foreach (UserAccount u in a.Users)
            {
                w.WriteStartObject();
                w.WriteString("username", u.UserName);
                Number(w, "uid", u.Uid);
                Number(w, "gid", u.Gid);
                Text(w, "shell", u.Shell);
                Text(w, "homedir", u.HomeDir);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (!a.Groups.IsEmpty)
        {
            w.WriteStartArray("groups");
            foreach (GroupAccount g in a.Groups)
            {
                w.WriteStartObject();
                w.WriteString("groupname", g.GroupName);
                Number(w, "gid", g.Gid);
                List(w, "members", g.Members);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>`[{name, content}]` lists: runtime keys and additional certificates.</summary>
    private static void NamedContents(Utf8JsonWriter w, string key, IEnumerable<(string Name, string Content)> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }
        w.WriteStartArray(key);
        foreach (var (name, content) in list)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("content", content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(key, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string key, uint? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, v);
        }
    }

    private static void List(Utf8JsonWriter w, string key, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count == 0)
        {
            return;
        }
        w.WriteStartArray(key);
        items.ForEach(w.WriteStringValue);
        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string key, ValueMap<string> map)
    {
        if (map.IsEmpty)
        {
            return;
        }
        w.WriteStartObject(key);
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
    }
}
