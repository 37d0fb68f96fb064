using System.CommandLine;
using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Apk.Versions;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image dot`: the resolved dependency graph of the first arch as a Graphviz digraph.</summary>
internal static class DotCommand
{
    public static Command Create(ConfigurationSource? source = null)
    {
        var options = new ApkCommandOptions();
        var spanning = new Option<bool>("--spanning-tree", "-S") { Description = "Keep only the first edge into each package (something like a spanning tree)." };
        var command = new Command("dot",
            "Print the resolved dependency graph of the first arch as a DOT digraph: the config, its world entries, " +
            "packages (labelled name-version) and the virtual names (boxes) they provide.\n\n" +
            "Example:\n  dotnet image dot apko.yaml --arch arm64 | dot -Tsvg > graph.svg\n" +
            "  dotnet image dot --project samples/ImageDsl.Samples --image hello-minimal");
        options.AddTo(command);
        command.Options.Add(spanning);
        command.SetAction(async (parse, cancellationToken) =>
        {
            ConfigFile loaded = await options.LoadAsync(source, parse, cancellationToken);
            Architecture arch = options.Archs(parse, loaded.Configuration)[0];
            using var client = new RepositoryClient(options.ClientOptions(parse, parse.InvocationConfiguration.Error));
            ApkInputs inputs = ApkInputs.From(loaded.Configuration, options.Extras(parse));
            ImageResolution resolution = await Build.BaseAwareResolver.ResolveAsync(loaded.Configuration, inputs, [arch], client, cancellationToken, options.PushOptions(parse));
            parse.InvocationConfiguration.Output.Write(Render(loaded.Name!, resolution.For(arch), parse.GetValue(spanning)));
            return 0;
        });
        return command;
    }

    /// <summary>The DOT text: deterministic (install order, then dependency order).</summary>
    public static string Render(string configName, Resolution resolution, bool spanningTree)
    {
        var dot = new StringBuilder();
        dot.Append("digraph images {\n  rankdir=LR;\n");
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var installed = resolution.Packages.ToDictionary(p => p.Name, StringComparer.Ordinal);

        Node(configName, null, null);
        foreach (PackageConstraint entry in resolution.World.Where(w => !w.IsConflict))
        {
            Node(entry.Text, null, null);
            Edge(configName, entry.Text);
            if (entry.Text != entry.Name)
            {
                Node(entry.Name, null, null);
                Edge(entry.Text, entry.Name);
            }
        }
        var virtualNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (PackageRecord package in resolution.Packages)
        {
            Node(package.Name, $"{package.Name}-{package.Version}", package.Description);
            foreach (PackageConstraint dependency in package.Dependencies.Where(d => !d.IsConflict))
            {
                if (dependency.Name == package.Name || (spanningTree && !reached.Add(dependency.Name)))
                {
                    continue;
                }
                if (!installed.ContainsKey(dependency.Name))
                {
                    virtualNames.Add(dependency.Name);
                }
                Node(dependency.Name, null, null);
                Edge(package.Name, dependency.Name);
            }
        }
        // Virtual names point to the installed package that provides them.
        foreach (string name in virtualNames)
        {
            dot.Append($"  {Id(name)} [shape=rect];\n");
            foreach (PackageRecord provider in resolution.Packages.Where(p => p.Provides.Any(v => v.Name == name)))
            {
                Edge(name, provider.Name);
            }
        }
        dot.Append("}\n");
        return dot.ToString();

        void Node(string id, string? label, string? tooltip)
        {
            if (label is null && !nodes.Add(id))
            {
                return;
            }
            nodes.Add(id);
            dot.Append("  ").Append(Id(id));
            if (label is not null)
            {
                dot.Append($" [label={Id(label)}, tooltip={Id(tooltip ?? "")}]");
            }
            dot.Append(";\n");
        }

        void Edge(string from, string to)
        {
            if (edges.Add((from, to)))
            {
                dot.Append($"  {Id(from)} -> {Id(to)};\n");
            }
        }
    }

    private static string Id(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
