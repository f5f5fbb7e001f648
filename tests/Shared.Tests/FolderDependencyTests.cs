namespace Interview.Shared.Tests;

/// <summary>
/// The folders of each project in src/ depend on each other without a cycle, so each can be read (and
/// changed) knowing only the folders below it. A folder depends on another when one of its files names a
/// type declared there; each project's root files (Program.cs, App.razor) compose the rest and are left out.
/// </summary>
public sealed class FolderDependencyTests
{
    public static TheoryData<string> Projects() => new(SourceTree.Projects().Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_projects_folders_depend_on_each_other_without_a_cycle(string project)
    {
        var graph = SourceTree.FolderGraph(Path.Combine(SourceTree.Source, project));
        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, $"{project}: folders in a cycle:\n{string.Join("\n", cycles.Select(graph.Describe))}");
    }

    [Fact]
    public void A_folder_that_names_a_type_of_another_depends_on_it()
    {
        var root = Directory.CreateTempSubdirectory("folders").FullName;
        try
        {
            Write(root, "Up/Hub.cs", "namespace X; public sealed class Hub(Directory d) { /* Relay */ }");
            Write(root, "Down/Directory.cs", "namespace X; public sealed class Directory { string s = \"Hub\"; }");
            Write(root, "Down/Relay.cs", "namespace X; public sealed record Relay(int A);");
            Assert.Empty(SourceTree.FolderGraph(root).Cycles()); // a comment or a string names nothing

            Write(root, "Down/Relay.cs", "namespace X; public sealed record Relay(Hub A);");
            var cycle = Assert.Single(SourceTree.FolderGraph(root).Cycles());
            Assert.Equal(["Down", "Up"], cycle.Order());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string path, string text)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
