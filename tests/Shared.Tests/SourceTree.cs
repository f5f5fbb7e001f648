using System.Text.RegularExpressions;

namespace Interview.Shared.Tests;

/// <summary>The repository's C# and Razor sources, read as text: which folder declares which type, and who names it.</summary>
public static partial class SourceTree
{
    public static string Source { get; } = Path.Combine(RepositoryRoot(), "src");

    public static IEnumerable<string> Projects() => Directory.GetDirectories(Source).Order(StringComparer.Ordinal);

    /// <summary>The folders of one project and, for each, the folders whose types its files name (with one file that does).</summary>
    public static FolderGraph FolderGraph(string project)
    {
        var files = Directory.EnumerateFiles(project, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
            .Where(file => !Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(file => (Folder: Path.GetDirectoryName(Path.GetRelativePath(project, file))!.Replace('\\', '/'), Path: file, Text: Code(File.ReadAllText(file))))
            .Where(file => file.Folder.Length > 0) // the project's root composes the folders
            .ToList();

        var declaredIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var names = Declaration().Matches(file.Text).Select(match => match.Groups["name"].Value);
            if (file.Path.EndsWith(".razor", StringComparison.Ordinal))
            {
                names = names.Append(Path.GetFileNameWithoutExtension(file.Path)); // a component is its file's name
            }

            foreach (var name in names)
            {
                (declaredIn.TryGetValue(name, out var folders) ? folders : declaredIn[name] = []).Add(file.Folder);
            }
        }

        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var uses = edges.TryGetValue(file.Folder, out var known) ? known : edges[file.Folder] = new(StringComparer.Ordinal);
            foreach (var word in Identifier().Matches(file.Text).Select(match => match.Value).Distinct())
            {
                // A name declared in several folders is no evidence of which one is meant.
                if (declaredIn.TryGetValue(word, out var folders) && folders.Count == 1 && folders.Single() is var folder && folder != file.Folder)
                {
                    uses.TryAdd(folder, $"{Path.GetRelativePath(project, file.Path)} names {word}");
                }
            }
        }

        return new FolderGraph(edges);
    }

    /// <summary>The text without comments, strings and characters, which name nothing.</summary>
    private static string Code(string text) => Noise().Replace(text, " ");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Interview.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Interview.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    // A member access (options.ConnectionsPerAddress) names a member, not a type of that name.
    [GeneratedRegex(@"(?<![.\w])[A-Z]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@\*.*?\*@|<!--.*?-->|@?\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", RegexOptions.Singleline)]
    private static partial Regex Noise();
}
