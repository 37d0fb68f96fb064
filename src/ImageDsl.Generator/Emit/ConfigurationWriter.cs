using System;
using System.Collections.Generic;
using System.Linq;
using ImageDsl.Generator.Helpers;
using ImageDsl.Generator.Model;

namespace ImageDsl.Generator.Emit;

/// <summary>Writes the object initialiser of an ImageDsl.Model.ImageConfiguration. Unset members are left out.</summary>
internal static class ConfigurationWriter
{
    private const string Model = "global::ImageDsl.Model.";

    public static void WriteMembers(SourceWriter w, ConfigurationSpec c)
    {
        if (HasContents(c))
        {
            w.Line("Contents = new " + Model + "ImageContents").Open();
            StringList(w, "Repositories", c.Repositories);
            StringList(w, "BuildRepositories", c.BuildRepositories);
            StringList(w, "RuntimeRepositories", c.RuntimeRepositories);
            StringList(w, "Keyring", c.Keyring);
            List(w, "RuntimeKeyring", c.RuntimeKeys, k => "new " + Model + "RuntimeKey(" + Str(k.Name) + ", " + Str(k.Content) + ")");
            StringList(w, "Packages", c.Packages);
            if (c.BaseImage is { } b)
            {
                w.Line("BaseImage = new " + Model + "BaseImage(" + Str(b.Image) + ", " + Str(b.ApkIndex) + ")" + (b.Reference is null ? "" : " { Reference = " + Str(b.Reference) + " }") + ",");
            }
            List(w, "Local", c.Local, LocalContent);
            w.Close("},");
        }
        if (c.Entrypoint is { } e)
        {
            w.Line("Entrypoint = new " + Model + "ImageEntrypoint").Open();
            Scalar(w, "Type", e.Type);
            Scalar(w, "Command", e.Command);
            Scalar(w, "ShellFragment", e.ShellFragment);
            Map(w, "Services", e.Services);
            w.Close("},");
        }
        Scalar(w, "Cmd", c.Cmd);
        Scalar(w, "StopSignal", c.StopSignal);
        Scalar(w, "WorkDir", c.WorkDir);
        if (c.Accounts is { } a)
        {
            w.Line("Accounts = new " + Model + "ImageAccounts").Open();
            Scalar(w, "RunAs", a.RunAs);
            List(w, "Users", a.Users, User);
            List(w, "Groups", a.Groups, Group);
            w.Close("},");
        }
        List(w, "Archs", c.Archs, arch => Model + "Architecture." + arch);
        Map(w, "Environment", c.Environment);
        if (!c.Paths.IsEmpty)
        {
            w.Line("Paths =").Open("[");
            foreach (PathSpec p in c.Paths)
            {
                Path(w, p);
            }
            w.Close("],");
        }
        Scalar(w, "VcsUrl", c.VcsUrl);
        Map(w, "Annotations", c.Annotations);
        Scalar(w, "Include", c.Include);
        StringList(w, "Volumes", c.Volumes);
        if (c.Layering is { } l)
        {
            w.Line("Layering = new " + Model + "ImageLayering(" + Str(l.Strategy) + ", " + Literals.Int(l.Budget) + "),");
        }
        Scalar(w, "Format", c.Format);
        if (c.Certificates is { } certificates)
        {
            w.Line("Certificates = new " + Model + "ImageCertificates").Open();
            List(w, "Additional", certificates.Additional, k => "new " + Model + "AdditionalCertificate(" + Str(k.Name) + ", " + Str(k.Content) + ")");
            StringList(w, "Providers", certificates.Providers);
            w.Close("},");
        }
    }

    private static bool HasContents(ConfigurationSpec c) =>
        !c.Repositories.IsEmpty || !c.BuildRepositories.IsEmpty || !c.RuntimeRepositories.IsEmpty || !c.Keyring.IsEmpty
        || !c.RuntimeKeys.IsEmpty || !c.Packages.IsEmpty || c.BaseImage is not null || !c.Local.IsEmpty;

    private static string LocalContent(LocalContentSpec l) =>
        "new " + Model + "LocalContent { " + string.Join(", ", new[]
        {
            "Path = " + Str(l.Path),
            l.Name is not null ? "Name = " + Str(l.Name) : null,
            l.To is not null ? "To = " + Str(l.To) : null,
            l.Version is not null ? "Version = " + Str(l.Version) : null,
            l.Arch is not null ? "Arch = " + Str(l.Arch) : null,
            l.Owner is not null ? "Owner = " + Str(l.Owner) : null,
        }.Where(s => s is not null)) + " }";

    private static string User(UserSpec u) =>
        "new " + Model + "UserAccount { " + string.Join(", ", new[]
        {
            "UserName = " + Str(u.UserName),
            u.Uid is { } uid ? "Uid = " + Literals.UInt(uid) : null,
            u.Gid is { } gid ? "Gid = " + Literals.UInt(gid) : null,
            u.Shell is not null ? "Shell = " + Str(u.Shell) : null,
            u.HomeDir is not null ? "HomeDir = " + Str(u.HomeDir) : null,
        }.Where(s => s is not null)) + " }";

    private static string Group(GroupSpec g) =>
        "new " + Model + "GroupAccount { " + string.Join(", ", new[]
        {
            "GroupName = " + Str(g.GroupName),
            g.Gid is { } gid ? "Gid = " + Literals.UInt(gid) : null,
            g.Members.IsEmpty ? null : "Members = [" + string.Join(", ", g.Members.Select(Str)) + "]",
        }.Where(s => s is not null)) + " }";

    private static void Path(SourceWriter w, PathSpec p)
    {
        w.Line("new " + Model + "PathMutation").Open();
        w.Line("Path = " + Str(p.Path) + ",");
        w.Line("Type = " + Model + "PathMutationType." + p.Type + ",");
        if (p.Permissions is { } bits)
        {
            w.Line("Permissions = " + Literals.UInt(bits) + ", // 0o" + Convert.ToString(bits, 8));
        }
        if (p.Uid is { } uid)
        {
            w.Line("Uid = " + Literals.UInt(uid) + ",");
        }
        if (p.Gid is { } gid)
        {
            w.Line("Gid = " + Literals.UInt(gid) + ",");
        }
        Scalar(w, "Source", p.Source);
        if (p.Recursive)
        {
            w.Line("Recursive = true,");
        }
        w.Close("},");
    }

    private static void Scalar(SourceWriter w, string member, string? value)
    {
        if (value is not null)
        {
            w.Line(member + " = " + Str(value) + ",");
        }
    }

    private static void StringList(SourceWriter w, string member, EquatableArray<string> values) => List(w, member, values, Str);

    /// <summary>One item stays on the member's line; more go one per line.</summary>
    private static void List<T>(SourceWriter w, string member, EquatableArray<T> values, Func<T, string> render)
        where T : IEquatable<T>
    {
        if (values.IsEmpty)
        {
            return;
        }
        if (values.Count == 1)
        {
            w.Line(member + " = [" + render(values[0]) + "],");
            return;
        }
        w.Line(member + " =").Open("[");
        foreach (T value in values)
        {
            w.Line(render(value) + ",");
        }
        w.Close("],");
    }

    private static void Map(SourceWriter w, string member, EquatableArray<KeyValueSpec> pairs)
    {
        if (pairs.IsEmpty)
        {
            return;
        }
        w.Line(member + " = " + Model + "ValueMap.Of(").Indent();
        List<string> items = pairs.Select(p => "(" + Str(p.Key) + ", " + Str(p.Value) + ")").ToList();
        for (int i = 0; i < items.Count; i++)
        {
            w.Line(items[i] + (i < items.Count - 1 ? "," : "),"));
        }
        w.Outdent();
    }

    private static string Str(string? value) => Literals.String(value);
}
