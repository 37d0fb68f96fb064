using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Users, groups and run-as: uids are required and not 0 (IMG0027, IMG0006), names and ids are unique
/// (IMG0007, IMG0008), run-as names a declared user or a uid (IMG0009), group members are users
/// (IMG0010), and ids fit in 32 bits (IMG0034).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AccountsAnalyzer : ImageDslAnalyzer
{
    /// <summary>Chainguard's conventional non-root uid, offered first when a fix declares a user.</summary>
    private const long NonRootUid = 65532;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.UidZero, Descriptors.DuplicateUser, Descriptors.DuplicateGroup, Descriptors.UnknownRunAs,
        Descriptors.UnknownGroupMember, Descriptors.MissingField, Descriptors.InvalidValue);

    private protected override void Analyze(ImageAnalysis image)
    {
        CheckOwnValues(image);
        Declaration merged = image.Merged;
        image.ReportDuplicates(merged.Users, u => u.Name.Value, u => u.Name.Origin,
            (u, origin) => image.ReportIfOwn(Descriptors.DuplicateUser, origin, $"'{u.Name.Value}'"));
        image.ReportDuplicates(merged.Users.Where(u => u.Uid is not null), u => Id(u.Uid!.Value.Value), u => u.Uid!.Value.Origin,
            (u, origin) => image.ReportIfOwn(Descriptors.DuplicateUser, origin, $"with uid {u.Uid!.Value.Value}"));
        image.ReportDuplicates(merged.Groups, g => g.Name.Value, g => g.Name.Origin,
            (g, origin) => image.ReportIfOwn(Descriptors.DuplicateGroup, origin, $"'{g.Name.Value}'"));
        image.ReportDuplicates(merged.Groups.Where(g => g.Gid is not null), g => Id(g.Gid!.Value.Value), g => g.Gid!.Value.Origin,
            (g, origin) => image.ReportIfOwn(Descriptors.DuplicateGroup, origin, $"with gid {g.Gid!.Value.Value}"));

        // References may be completed by a deriving class or an [Include]d file: check final images only.
        if (!image.IsImage || merged.Include is not null)
        {
            return;
        }
        var users = new HashSet<string>(merged.Users.Select(u => u.Name.Value ?? ""), System.StringComparer.Ordinal);
        if (merged.RunAs is { } runAs && runAs.Value is { Length: > 0 } name && !IsUid(name) && !users.Contains(name))
        {
            var properties = FixProperties.With(FixProperties.UserName, name).Add(FixProperties.Uid, Id(FreeUid(merged)));
            image.ReportOnImage(Descriptors.UnknownRunAs, runAs.Origin, properties, name);
        }
        foreach (GroupDeclaration group in merged.Groups)
        {
            foreach (Sourced<string?> member in group.Members.Where(m => m.Value is not null && !users.Contains(m.Value)))
            {
                image.ReportOnImage(Descriptors.UnknownGroupMember, member.Origin, ImmutableDictionary<string, string?>.Empty, group.Name.Value, member.Value);
            }
        }
    }

    private static void CheckOwnValues(ImageAnalysis image)
    {
        foreach (UserDeclaration user in image.Own.Users)
        {
            if (string.IsNullOrWhiteSpace(user.Name.Value))
            {
                image.Report(Descriptors.MissingField, user.Name.Origin, "[User]", "username");
            }
            if (user.Uid is not { } uid)
            {
                image.Report(Descriptors.MissingField, user.Name.Origin, $"user '{user.Name.Value}'", "uid");
            }
            else if (uid.Value == 0)
            {
                image.Report(Descriptors.UidZero, uid.Origin, user.Name.Value);
            }
            CheckRange(image, user.Uid, "uid");
            CheckRange(image, user.Gid, "gid");
        }
        foreach (GroupDeclaration group in image.Own.Groups)
        {
            if (string.IsNullOrWhiteSpace(group.Name.Value))
            {
                image.Report(Descriptors.MissingField, group.Name.Origin, "[Group]", "groupname");
            }
            if (group.Gid is null)
            {
                image.Report(Descriptors.MissingField, group.Name.Origin, $"group '{group.Name.Value}'", "gid");
            }
            CheckRange(image, group.Gid, "gid");
        }
        if (image.Own.RunAs is { } runAs && string.IsNullOrWhiteSpace(runAs.Value))
        {
            image.Report(Descriptors.InvalidValue, runAs.Origin, "run-as is empty; give a user name or a uid such as 65532");
        }
        else if (image.Own.RunAs is { } numeric && numeric.Value!.StartsWith("-", System.StringComparison.Ordinal))
        {
            image.Report(Descriptors.InvalidValue, numeric.Origin, $"run-as '{numeric.Value}' is not a uid; uids are 0..4294967295");
        }
    }

    private static void CheckRange(ImageAnalysis image, Sourced<long>? id, string what)
    {
        if (id is { } v && (v.Value < 0 || v.Value > uint.MaxValue))
        {
            image.Report(Descriptors.InvalidValue, v.Origin, $"{what} {v.Value} is out of range; use 0..4294967295 (or leave it unset)");
        }
    }

    private static bool IsUid(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static long FreeUid(Declaration merged)
    {
        var taken = new HashSet<long>(merged.Users.Where(u => u.Uid is not null).Select(u => u.Uid!.Value.Value));
        if (!taken.Contains(NonRootUid))
        {
            return NonRootUid;
        }
        long uid = taken.Max() + 1;
        while (taken.Contains(uid))
        {
            uid++;
        }
        return uid;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
