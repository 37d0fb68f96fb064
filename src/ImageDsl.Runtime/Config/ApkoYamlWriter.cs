using System.Globalization;
using ImageDsl.Model;
using ImageDsl.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageDsl.Config;

/// <summary>
/// Writes an <see cref="ImageConfiguration"/> as canonical apko.yaml: apko's key spellings in apko's field
/// order, 2-space indentation, permissions as `0o755`, empty fields omitted, map keys sorted, strings quoted
/// only when a plain scalar would read back as something else, multi-line text as `|` blocks, "\n" newlines.
/// Reading the output gives an equal configuration.
/// </summary>
public static class ApkoYamlWriter
{
    /// <summary>Writes the configuration as it is.</summary>
    public static string Write(ImageConfiguration configuration) => Write(configuration, redactPasswords: false);

    /// <summary>
    /// Writes the configuration; with <paramref name="redactPasswords"/> the passwords in the URLs of
    /// `repositories`, `build_repositories` and `keyring` become `xxxxx`, as apko's show-config prints them.
    /// </summary>
    public static string Write(ImageConfiguration configuration, bool redactPasswords)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, false, true, "\n"));
        var writer = new EventWriter(emitter);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        writer.Configuration(configuration, redactPasswords);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private sealed class EventWriter(IEmitter emitter)
    {
        public void Configuration(ImageConfiguration c, bool redact)
        {
            BeginMap();
            Section("contents", !IsEmpty(c.Contents), () => Contents(c.Contents, redact));
            Section("entrypoint", c.Entrypoint is { } e && e != new ImageEntrypoint(), () => Entrypoint(c.Entrypoint!));
            Text("cmd", c.Cmd);
            Text("stop-signal", c.StopSignal);
            Text("work-dir", c.WorkDir);
            Section("accounts", c.Accounts is { } a && a != new ImageAccounts(), () => Accounts(c.Accounts!));
            TextList("archs", c.Archs.Select(a => a.Name).ToArray());
            TextMap("environment", c.Environment);
            Items("paths", c.Paths, Path);
            Text("vcs-url", c.VcsUrl);
            TextMap("annotations", c.Annotations);
            Text("include", c.Include);
            TextList("volumes", c.Volumes);
            Section("layering", c.Layering is not null, () =>
            {
                BeginMap();
                Text("strategy", c.Layering!.Strategy);
                Number("budget", c.Layering.Budget == 0 ? null : c.Layering.Budget);
                EndMap();
            });
            Text("format", c.Format);
            Section("certificates", c.Certificates is { } certs && !(certs.Additional.IsEmpty && certs.Providers.IsEmpty), () =>
            {
                BeginMap();
                Items("additional", c.Certificates!.Additional, cert =>
                {
                    BeginMap();
                    Text("name", cert.Name);
                    Text("content", cert.Content);
                    EndMap();
                });
                TextList("providers", c.Certificates.Providers);
                EndMap();
            });
            EndMap();
        }

        private static bool IsEmpty(ImageContents contents) => contents == new ImageContents();

        private void Contents(ImageContents contents, bool redact)
        {
            Func<string, string> shown = redact ? Apk.Repositories.UrlRedaction.Redact : s => s;
            BeginMap();
            TextList("build_repositories", contents.BuildRepositories.Select(shown).ToArray());
            TextList("runtime_repositories", contents.RuntimeRepositories.Select(shown).ToArray());
            TextList("repositories", contents.Repositories.Select(shown).ToArray());
            TextList("keyring", contents.Keyring.Select(shown).ToArray());
            Items("runtime_keyring", contents.RuntimeKeyring, key =>
            {
                BeginMap();
                Text("name", key.Name);
                Text("content", key.Content);
                EndMap();
            });
            TextList("packages", contents.Packages);
            Section("baseimage", contents.BaseImage is not null, () =>
            {
                BeginMap();
                Text("image", contents.BaseImage!.Image);
                Text("ref", contents.BaseImage.Reference);
                Text("apkindex", contents.BaseImage.ApkIndex);
                EndMap();
            });
            Items("local", contents.Local, local =>
            {
                BeginMap();
                Text("path", local.Path);
                Text("to", local.To);
                Text("name", local.Name);
                Text("version", local.Version);
                Text("arch", local.Arch);
                Text("owner", local.Owner);
                EndMap();
            });
            EndMap();
        }

        private void Entrypoint(ImageEntrypoint entrypoint)
        {
            BeginMap();
            Text("type", entrypoint.Type);
            Text("command", entrypoint.Command);
            Text("shell-fragment", entrypoint.ShellFragment);
            TextMap("services", entrypoint.Services);
            EndMap();
        }

        private void Accounts(ImageAccounts accounts)
        {
            BeginMap();
            Text("run-as", accounts.RunAs);
            Items("users", accounts.Users, user =>
            {
                BeginMap();
                Text("username", user.UserName);
                Number("uid", user.Uid);
                Number("gid", user.Gid);
                Text("shell", user.Shell);
                Text("homedir", user.HomeDir);
                EndMap();
            });
            Items("groups", accounts.Groups, group =>
            {
                BeginMap();
                Text("groupname", group.GroupName);
                Number("gid", group.Gid);
                TextList("members", group.Members);
                EndMap();
            });
            EndMap();
        }

        private void Path(PathMutation path)
        {
            BeginMap();
            Text("path", path.Path);
            Text("type", PathMutation.TypeName(path.Type));
            Number("uid", path.Uid);
            Number("gid", path.Gid);
            if (path.Permissions is { } permissions)
            {
                Key("permissions");
                Plain(ImageRules.FormatOctal(permissions));
            }
            Text("source", path.Source);
            if (path.Recursive)
            {
                Key("recursive");
                Plain("true");
            }
            EndMap();
        }

        private void Section(string key, bool present, Action body)
        {
            if (present)
            {
                Key(key);
                body();
            }
        }

        private void Text(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Key(key);
                String(value);
            }
        }

        private void Number(string key, long? value)
        {
            if (value is { } number)
            {
                Key(key);
                Plain(number.ToString(CultureInfo.InvariantCulture));
            }
        }

        private void TextList(string key, IReadOnlyList<string> values) => Items(key, values, String);

        private void Items<T>(string key, IReadOnlyList<T> values, Action<T> item)
        {
            if (values.Count == 0)
            {
                return;
            }
            Key(key);
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
            foreach (T value in values)
            {
                item(value);
            }
            emitter.Emit(new SequenceEnd());
        }

        // yaml.v3 writes maps with sorted keys; so do we, so the output does not depend on merge order.
        private void TextMap(string key, ValueMap<string> map)
        {
            if (map.IsEmpty)
            {
                return;
            }
            Key(key);
            BeginMap();
            foreach (string name in map.Keys.Order(StringComparer.Ordinal))
            {
                String(name);
                String(map[name]);
            }
            EndMap();
        }

        private void Key(string key) => Plain(key);

        private void BeginMap() => emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));

        private void EndMap() => emitter.Emit(new MappingEnd());

        private void Plain(string text) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

        /// <summary>A string: plain when it reads back as the same string, a `|` block when multi-line, else quoted.</summary>
        private void String(string text)
        {
            ScalarStyle style = text.Contains('\n') && !text.Contains('\r') && text.Trim(' ') == text ? ScalarStyle.Literal
                : YamlScalars.LooksLikeNonString(text) ? ScalarStyle.DoubleQuoted
                : ScalarStyle.Any;
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
        }
    }
}
