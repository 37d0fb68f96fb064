using System.Text;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// Versions and constraints: each input line is parsed as a version and as a constraint; versions are
/// compared with each other (the order must be antisymmetric) and checked against every constraint.
/// Neither parser throws: invalid text is reported through TryParse / an unversioned constraint.
/// </summary>
internal sealed class VersionTarget : FuzzTarget
{
    public override string Name => "version";

    public override string Description => "lines: each is parsed as an apk version and as a package constraint";

    public override void Run(byte[] input)
    {
        string[] lines = Encoding.UTF8.GetString(input).Split('\n');
        var versions = new List<ApkVersion>();
        var constraints = new List<PackageConstraint>();
        foreach (string line in lines.Take(64))
        {
            if (ApkVersion.TryParse(line, out ApkVersion? version))
            {
                versions.Add(version);
                _ = version.GetHashCode();
            }
            constraints.Add(PackageConstraint.ParseUncached(line));
        }
        foreach (ApkVersion a in versions)
        {
            foreach (ApkVersion b in versions)
            {
                int ab = ApkVersion.Compare(a, b);
                int ba = ApkVersion.Compare(b, a);
                if (Math.Sign(ab) != -Math.Sign(ba) || (ab == 0 && a.GetHashCode() != b.GetHashCode()))
                {
                    throw new InvalidOperationException($"inconsistent order: compare({a}, {b}) = {ab}, compare({b}, {a}) = {ba}");
                }
                _ = a.FuzzyMatches(b);
            }
            foreach (PackageConstraint constraint in constraints)
            {
                _ = constraint.IsSatisfiedBy(version: a);
            }
        }
    }

    public override bool IsExpected(Exception error) => false;
}
