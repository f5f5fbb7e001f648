namespace Interview.Shared.Tests;

/// <summary>Folders and the folders each depends on, with one reason per dependency.</summary>
public sealed class FolderGraph(Dictionary<string, Dictionary<string, string>> edges)
{
    /// <summary>Each set of folders that depend on each other round a cycle (a strongly connected component of two or more).</summary>
    public List<FolderCycle> Cycles()
    {
        var (index, low, onStack, stack, cycles) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<FolderCycle>());

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in DependenciesOf(folder))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);

                if (component.Count > 1)
                {
                    cycles.Add(new FolderCycle(component));
                }
            }
        }

        foreach (var folder in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return cycles;
    }

    /// <summary>A cycle's folders, each with why it depends on the others in it.</summary>
    public string Describe(FolderCycle cycle) =>
        string.Join("\n", cycle.Order().SelectMany(folder => DependenciesOf(folder).Where(cycle.Folders.Contains)
            .Select(next => $"  {folder} -> {next}: {edges[folder][next]}")));

    private IEnumerable<string> DependenciesOf(string folder) =>
        edges.TryGetValue(folder, out var uses) ? uses.Keys.Order(StringComparer.Ordinal) : [];
}

public sealed record FolderCycle(IReadOnlyList<string> Folders)
{
    public IReadOnlyList<string> Order() => [.. Folders.Order(StringComparer.Ordinal)];
}
