using ImageDsl.Formats.Json;

namespace ImageDsl.Apk.Lock;

/// <summary>
/// Writes a lock file as Go's `json.MarshalIndent(lock, "", "  ")` + "\n" does: fields in struct order,
/// 2-space indent, empty lists as `[]`, `&lt; &gt; &amp;` escaped as \u003c \u003e \u0026.
/// </summary>
internal static class LockFileWriter
{
    public static string Write(LockFile lockFile)
    {
        var w = new GoJsonWriter(indent: true);
        w.StartObject();
        w.Property("version", lockFile.Version);
        if (lockFile.Config is { } config && (config.Name.Length > 0 || config.Checksum.Length > 0))
        {
            w.Name("config").StartObject();
            if (config.Name.Length > 0) w.Property("name", config.Name);
            if (config.Checksum.Length > 0) w.Property("checksum", config.Checksum);
            if (config.World is { } world)
            {
                // ImageDsl's addition for C# images (after apko's fields, so apko's part reads the same).
                w.Name("world").StartArray();
                foreach (string package in world)
                {
                    w.String(package);
                }
                w.EndArray();
            }
            w.EndObject();
        }
        w.Name("contents").StartObject();
        LockContents contents = lockFile.Contents;
        List("keyring", contents.Keyring, k =>
        {
            w.Property("name", k.Name);
            w.Property("url", k.Url);
            if (!string.IsNullOrEmpty(k.Content)) w.Property("content", k.Content);
        });
        List("build_repositories", contents.BuildRepositories, Repository);
        List("runtime_repositories", contents.RuntimeRepositories, Repository);
        List("repositories", contents.Repositories, Repository);
        List("packages", contents.Packages, p =>
        {
            w.Property("name", p.Name);
            w.Property("url", p.Url);
            w.Property("version", p.Version);
            w.Property("architecture", p.Architecture);
            Range("signature", p.Signature);
            Range("control", p.Control);
            Range("data", p.Data);
            w.Property("checksum", p.Checksum);
        });
        if (contents.BaseImage is { } baseImage)
        {
            // ImageDsl's own field, only with a registry base image: other locks stay byte-identical to apko's.
            w.Name("baseimage").StartObject();
            w.Property("ref", baseImage.Reference);
            w.Property("digest", baseImage.Digest);
            w.EndObject();
        }
        w.EndObject();
        w.EndObject();
        return w.ToString() + "\n";

        void Repository(LockRepository r)
        {
            w.Property("name", r.Name);
            w.Property("url", r.Url);
            w.Property("architecture", r.Architecture);
        }

        void Range(string name, LockRange range)
        {
            w.Name(name).StartObject();
            w.Property("range", range.Range);
            w.Property("checksum", range.Checksum);
            w.EndObject();
        }

        void List<T>(string name, IReadOnlyList<T> items, Action<T> writeFields)
        {
            w.Name(name).StartArray();
            foreach (T item in items)
            {
                w.StartObject();
                writeFields(item);
                w.EndObject();
            }
            w.EndArray();
        }
    }
}
