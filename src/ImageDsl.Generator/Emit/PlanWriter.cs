using ImageDsl.Generator.Helpers;
using ImageDsl.Generator.Model;

namespace ImageDsl.Generator.Emit;

/// <summary>
/// Writes an image's <c>Plan</c>: its configuration and the packages its lock file pinned, as data the tool
/// executes without resolving.
/// </summary>
internal static class PlanWriter
{
    private const string Model = "global::ImageDsl.Model.";

    public static void Write(SourceWriter w, LockSpec plan, string generatedCode)
    {
        w.Line("/// <summary>The build plan compiled from " + Xml(plan.FileName) + ": the configuration and the pinned packages of every architecture.</summary>");
        w.Line(generatedCode);
        // A base image class may carry a plan of its own; each image's plan is its own (the tool reads it declared-only).
        w.Line("#pragma warning disable CS0108");
        w.Line("public static " + Model + "BuildPlan Plan { get; } = new " + Model + "BuildPlan");
        w.Line("#pragma warning restore CS0108");
        w.Open();
        w.Line("Configuration = Configuration,");
        w.Line("LockFile = " + Literals.String(plan.FileName) + ",");
        w.Line("ConfigurationChecksum = " + Literals.String(plan.ConfigChecksum) + ",");
        if (plan.Packages.IsEmpty)
        {
            w.Line("Packages = [],");
        }
        else
        {
            w.Line("Packages =").Open("[");
            foreach (PinnedSpec p in plan.Packages)
            {
                w.Line("new " + Model + "PinnedPackage { Name = " + Literals.String(p.Name) + ", Version = " + Literals.String(p.Version)
                    + ", Architecture = " + Literals.String(p.Architecture) + ", Checksum = " + Literals.String(p.Checksum)
                    + ", Repository = " + Literals.String(p.Repository) + " },");
            }
            w.Close("],");
        }
        w.Close("};");
    }

    private static string Xml(string text) => "<c>" + System.Security.SecurityElement.Escape(text) + "</c>";
}
