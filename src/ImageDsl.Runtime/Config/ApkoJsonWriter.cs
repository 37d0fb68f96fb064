using ImageDsl.Formats.Json;
using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// Writes the configuration as JSON with apko's field names and order: the `/etc/apko.json` inside
/// every image (the locked configuration it was built from). YAML is a superset of JSON, so the
/// file loads back with <see cref="ConfigurationLoader"/>. Strings are escaped as Go's encoding/json
/// escapes them (`&amp;`, `&lt;`, `&gt;` as \u0026, \u003c, \u003e), so the bytes match apko's.
/// </summary>
public static class ApkoJsonWriter
{
    /// <summary>Compact JSON followed by a newline, as Go's json.Encoder writes it.</summary>
    public static byte[] Write(ImageConfiguration c)
    {
        var w = new GoJsonWriter();
        w.StartObject();
        Contents(w, c.Contents);
        if (c.Entrypoint is { } e && e != new ImageEntrypoint())
        {
            w.Name("entrypoint").StartObject();
            Text(w, "type", e.Type);
            Text(w, "command", e.Command);
            Text(w, "shell-fragment", e.ShellFragment);
            Map(w, "services", e.Services);
            w.EndObject();
        }
        Text(w, "cmd", c.Cmd);
        Text(w, "stop-signal", c.StopSignal);
        Text(w, "work-dir", c.WorkDir);
        Accounts(w, c.Accounts ?? new ImageAccounts());
        List(w, "archs", c.Archs.Select(a => a.Name));
        Map(w, "environment", c.Environment);
        if (!c.Paths.IsEmpty)
        {
            w.Name("paths").StartArray();
            foreach (PathMutation p in c.Paths)
            {
                w.StartObject();
                w.Property("path", p.Path);
                w.Property("type", PathMutation.TypeName(p.Type));
                Number(w, "uid", p.Uid);
                Number(w, "gid", p.Gid);
                Number(w, "permissions", p.Permissions);
                Text(w, "source", p.Source);
                if (p.Recursive)
                {
                    w.Name("recursive").Bool(true);
                }
                w.EndObject();
            }
            w.EndArray();
        }
        Text(w, "vcs-url", c.VcsUrl);
        Map(w, "annotations", c.Annotations);
        List(w, "volumes", c.Volumes);
        if (c.Layering is { } l)
        {
            w.Name("layering").StartObject();
            w.Property("strategy", l.Strategy);
            w.Property("budget", l.Budget);
            w.EndObject();
        }
        Text(w, "format", c.Format);
        if (c.Certificates is { } certs)
        {
            w.Name("certificates").StartObject();
            NamedContents(w, "additional", certs.Additional.Select(a => (a.Name, a.Content)));
            List(w, "providers", certs.Providers);
            w.EndObject();
        }
        w.EndObject();
        return w.ToBytes(trailingNewline: true);
    }

    private static void Contents(GoJsonWriter w, ImageContents c)
    {
        w.Name("contents").StartObject();
        List(w, "build_repositories", c.BuildRepositories);
        List(w, "runtime_repositories", c.RuntimeRepositories);
        List(w, "repositories", c.Repositories);
        List(w, "keyring", c.Keyring);
        NamedContents(w, "runtime_keyring", c.RuntimeKeyring.Select(k => (k.Name, k.Content)));
        List(w, "packages", c.Packages);
        w.EndObject();
    }

    private static void Accounts(GoJsonWriter w, ImageAccounts a)
    {
        w.Name("accounts").StartObject();
        Text(w, "run-as", a.RunAs);
        if (!a.Users.IsEmpty)
        {
            w.Name("users").StartArray();
            foreach (UserAccount u in a.Users)
            {
                w.StartObject();
                w.Property("username", u.UserName);
                Number(w, "uid", u.Uid);
                Number(w, "gid", u.Gid);
                Text(w, "shell", u.Shell);
                Text(w, "homedir", u.HomeDir);
                w.EndObject();
            }
            w.EndArray();
        }
        if (!a.Groups.IsEmpty)
        {
            w.Name("groups").StartArray();
            foreach (GroupAccount g in a.Groups)
            {
                w.StartObject();
                w.Property("groupname", g.GroupName);
                Number(w, "gid", g.Gid);
                List(w, "members", g.Members);
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
    }

    /// <summary>`[{name, content}]` lists: runtime keys and additional certificates.</summary>
    private static void NamedContents(GoJsonWriter w, string key, IEnumerable<(string Name, string Content)> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }
        w.Name(key).StartArray();
        foreach (var (name, content) in list)
        {
            w.StartObject();
            w.Property("name", name);
            w.Property("content", content);
            w.EndObject();
        }
        w.EndArray();
    }

    private static void Text(GoJsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.Property(key, value);
        }
    }

    private static void Number(GoJsonWriter w, string key, uint? value)
    {
        if (value is { } v)
        {
            w.Property(key, v);
        }
    }

    private static void List(GoJsonWriter w, string key, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count == 0)
        {
            return;
        }
        w.Name(key).StartArray();
        items.ForEach(item => w.String(item));
        w.EndArray();
    }

    private static void Map(GoJsonWriter w, string key, ValueMap<string> map)
    {
        if (map.IsEmpty)
        {
            return;
        }
        w.Name(key).StartObject();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Property(k, v);
        }
        w.EndObject();
    }
}
