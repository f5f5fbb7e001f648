using System.Diagnostics;
using Interview.Tests.Common;
using YamlDotNet.RepresentationModel;

namespace Interview.Cluster.Tests;

/// <summary>deploy/k8s as `kubectl kustomize` renders it: the objects an operator would apply.</summary>
public sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static RenderedManifests Render()
    {
        var kustomization = Path.Combine(TestEnvironment.RepositoryRoot(), "deploy", "k8s");
        var start = new ProcessStartInfo("kubectl", ["kustomize", kustomization]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var yaml = kubectl.StandardOutput.ReadToEnd();
        var errors = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize deploy/k8s failed: {errors}");

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new RenderedManifests(stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList());
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Text(o, "kind") == kind);

    public YamlMappingNode Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Text(o, "metadata", "name") == name) ?? throw new Xunit.Sdk.XunitException($"no {kind} named {name} is rendered");

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlSequenceNode)?.Children.Cast<YamlMappingNode>() ?? [];

    public static IReadOnlyDictionary<string, string> Map(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlMappingNode)?.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
        ?? new Dictionary<string, string>();
}
