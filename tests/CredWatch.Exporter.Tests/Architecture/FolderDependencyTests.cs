using System.Text.RegularExpressions;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Architecture;

/// <summary>
/// The Exporter's top-level folders form a graph without cycles, read from the sources: a file in folder A depends on
/// folder B when it imports or names <c>CredWatch.Exporter.B</c>, or qualifies a type as <c>B.Type</c>.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(TestPaths.RepoRoot, "src", "CredWatch.Exporter");

    [Fact]
    public void The_exporter_folders_have_no_dependency_cycle()
    {
        var graph = FolderGraph();
        graph.Keys.Should().Contain(["Stores", "Registry", "Reporting", "Hosting", "Cli"], "the graph is read from the real sources");
        graph["Registry"].Should().ContainKey("Stores", "the parser sees a using line");

        FindCycles(graph).Should().BeEmpty("a folder may only depend on folders that do not depend back on it");
    }

    [Fact]
    public void A_cycle_is_found_and_named_with_the_files_that_make_it()
    {
        var graph = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "A/X.cs" },
            ["B"] = new() { ["C"] = "B/Y.cs" },
            ["C"] = new() { ["A"] = "C/Z.cs" },
            ["D"] = new() { ["A"] = "D/W.cs" },
        };

        FindCycles(graph).Should().Equal("A → B (A/X.cs) → C (B/Y.cs) → A (C/Z.cs)");
    }

    /// <summary>Folder → folder it depends on → one file that makes the dependency.</summary>
    private static Dictionary<string, Dictionary<string, string>> FolderGraph()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToHashSet(StringComparer.Ordinal);
        var reference = new Regex(@"CredWatch\.Exporter\.(\w+)|(?<![\w.])(" + string.Join('|', folders) + @")\.[A-Z]\w*", RegexOptions.CultureInvariant);
        var graph = folders.ToDictionary(f => f!, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, folder!), "*.cs", SearchOption.AllDirectories))
            {
                var code = Comments().Replace(File.ReadAllText(file), string.Empty);
                foreach (Match m in reference.Matches(code))
                {
                    var target = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        graph[folder!].TryAdd(target, Path.GetRelativePath(Source, file));
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>Cycles found by a depth-first walk (one per back edge) as "A → B (file) → … → A (file)"; empty when acyclic.</summary>
    private static List<string> FindCycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var cycles = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        void Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                var loop = path[at..].Append(node).ToList();
                cycles.Add(loop[0] + string.Concat(loop.Zip(loop.Skip(1), (a, b) => $" → {b} ({graph[a][b]})")));
                return;
            }

            if (!done.Add(node))
            {
                return;
            }

            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node)?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(node);
        }

        return cycles;
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Comments();
}
