using Interview.Grains.Hosting;
using Interview.Tests.Common;
using YamlDotNet.RepresentationModel;
using static Interview.Cluster.Tests.RenderedManifests;

namespace Interview.Cluster.Tests;

/// <summary>
/// deploy/k8s rendered by `kubectl kustomize`, its objects checked against each other and against the
/// code: selectors find pods, ports are the ones the processes listen on, every variable is one the code reads.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Workloads = ["Deployment", "StatefulSet"];
    private readonly RenderedManifests _rendered = RenderedManifests.Render();

    [Fact]
    public void Every_selector_finds_the_pods_it_is_meant_for()
    {
        foreach (var workload in Workloads.SelectMany(_rendered.OfKind))
        {
            var selector = Map(workload, "spec", "selector", "matchLabels");
            var labels = Map(workload, "spec", "template", "metadata", "labels");
            Assert.NotEmpty(selector);
            Assert.All(selector, pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
        }

        foreach (var service in _rendered.OfKind("Service"))
        {
            var pods = PodsSelectedBy(Map(service, "spec", "selector"));
            Assert.True(pods.Count == 1, $"Service {Text(service, "metadata", "name")} selects the pods of exactly one workload");
            foreach (var port in Items(service, "spec", "ports"))
            {
                Assert.Contains(ContainerPorts(pods[0]), p => p.Name == Text(port, "targetPort") || $"{p.Number}" == Text(port, "targetPort"));
            }
        }

        var budget = _rendered.Get("PodDisruptionBudget", "silo");
        Assert.Equal("silo", Text(PodsSelectedBy(Map(budget, "spec", "selector", "matchLabels")).Single(), "metadata", "name"));

        foreach (var autoscaler in _rendered.OfKind("HorizontalPodAutoscaler"))
        {
            _rendered.Get(Text(autoscaler, "spec", "scaleTargetRef", "kind")!, Text(autoscaler, "spec", "scaleTargetRef", "name")!);
            Assert.True(int.Parse(Text(autoscaler, "spec", "minReplicas")!) >= 2, "at least two of each, so one can go");
        }

        var ingress = _rendered.Get("Ingress", "interview");
        var backend = Node(Items(Items(ingress, "spec", "rules").Single(), "http", "paths").Single(), "backend", "service")!;
        var gatewayService = _rendered.Get("Service", Text(backend, "name")!);
        Assert.Contains(Items(gatewayService, "spec", "ports"), port => Text(port, "name") == Text(backend, "port", "name"));
    }

    [Fact]
    public void Ports_are_the_ones_the_processes_listen_on()
    {
        var defaults = ClusterSettings.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var silo = Container("silo");
        var siloEnvironment = Environment(silo);
        var siloPorts = ContainerPorts(silo).ToDictionary(p => p.Name, p => p.Number);
        Assert.Equal(int.Parse(siloEnvironment.GetValueOrDefault("ORLEANS_SILO_PORT") ?? $"{defaults.SiloPort}"), siloPorts["silo"]);
        Assert.Equal(int.Parse(siloEnvironment.GetValueOrDefault("ORLEANS_GATEWAY_PORT") ?? $"{defaults.GatewayPort}"), siloPorts["orleans-gateway"]);
        Assert.Equal(int.Parse(siloEnvironment["PORT"]), siloPorts["operator"]);

        var gateway = Container("gateway");
        Assert.Equal(int.Parse(Environment(gateway)["PORT"]), ContainerPorts(gateway).Single(p => p.Name == "http").Number);

        foreach (var container in new[] { silo, gateway })
        {
            var names = ContainerPorts(container).Select(p => p.Name).ToHashSet();
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                Assert.Contains(Text(container, probe, "httpGet", "port")!, names);
                Assert.Matches("^/health/(ready|live)$", Text(container, probe, "httpGet", "path"));
            }
        }

        var redis = _rendered.Get("Service", "redis");
        var redisAddress = Map(_rendered.OfKind("ConfigMap").Single(), "data")["REDIS"];
        Assert.Equal($"{Text(redis, "metadata", "name")}:{Text(Items(redis, "spec", "ports").Single(), "port")}", redisAddress);
    }

    [Fact]
    public void Every_variable_set_is_one_the_code_reads()
    {
        var source = string.Join('\n', Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText));
        var set = _rendered.OfKind("ConfigMap").SelectMany(config => Map(config, "data").Keys)
            .Concat(new[] { "silo", "gateway" }.SelectMany(name => Environment(Container(name)).Keys))
            .Distinct()
            .ToList();

        Assert.Contains("REDIS", set);
        Assert.All(set, name => Assert.True(source.Contains($"\"{name}\""), $"{name} is set by deploy/k8s but no code in src/ reads it"));
        foreach (var name in new[] { "silo", "gateway" })
        {
            var configMap = Items(Container(name), "envFrom").Single();
            Assert.StartsWith("interview-config-", Text(configMap, "configMapRef", "name")); // the generated, hashed name
            Assert.Single(_rendered.OfKind("ConfigMap"), config => Text(config, "metadata", "name") == Text(configMap, "configMapRef", "name"));
        }
    }

    [Fact]
    public void Silos_advertise_their_pod_address_and_leave_one_at_a_time_with_time_to_hand_over()
    {
        var silo = _rendered.Get("Deployment", "silo");
        var advertised = Items(Container("silo"), "env").Single(variable => Text(variable, "name") == "ORLEANS_ADVERTISED_IP");
        Assert.Equal("status.podIP", Text(advertised, "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("0", Text(silo, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.True(int.Parse(Text(silo, "spec", "template", "spec", "terminationGracePeriodSeconds")!) > SiloShutdown.Timeout.TotalSeconds);
        Assert.Equal("1", Text(_rendered.Get("PodDisruptionBudget", "silo"), "spec", "maxUnavailable"));

        foreach (var workload in Workloads.SelectMany(_rendered.OfKind))
        {
            Assert.Equal("true", Text(workload, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        }
    }

    [Fact]
    public void The_ingress_keeps_a_browser_on_one_gateway_and_its_websocket_open()
    {
        var annotations = Map(_rendered.Get("Ingress", "interview"), "metadata", "annotations");
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.True(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600);
    }

    [Theory]
    [InlineData("Silo", "silo", "Interview.Silo.dll")]
    [InlineData("Gateway", "gateway", "Interview.Gateway.dll")]
    public void Images_are_built_in_two_stages_by_the_publish_command_ci_runs_and_run_unprivileged(string project, string deployable, string entry)
    {
        var root = TestEnvironment.RepositoryRoot();
        var dockerfile = File.ReadAllLines(Path.Combine(root, "src", project, "Dockerfile"));
        var stages = dockerfile.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.Equal(2, stages);
        Assert.Contains(dockerfile, line => line == $"RUN ./deploy/publish.sh {deployable} /app");
        Assert.Contains($"deploy/publish.sh {deployable} ", File.ReadAllText(Path.Combine(root, "test.sh")));

        var final = dockerfile.SkipWhile(line => !line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        Assert.Contains("USER $APP_UID", final);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{entry}\"]", final);
        var image = Text(Container(deployable), "image");
        Assert.Equal($"interview-{deployable}:latest", image);
    }

    private YamlMappingNode Container(string workload) =>
        Items(_rendered.Get("Deployment", workload), "spec", "template", "spec", "containers").Single();

    private static Dictionary<string, string> Environment(YamlMappingNode container) =>
        Items(container, "env").Where(variable => Text(variable, "value") is not null).ToDictionary(variable => Text(variable, "name")!, variable => Text(variable, "value")!);

    private static IEnumerable<(string Name, int Number)> ContainerPorts(YamlMappingNode podOrContainer) =>
        (Node(podOrContainer, "spec", "template", "spec", "containers") is YamlSequenceNode containers ? containers.Children.Cast<YamlMappingNode>() : [podOrContainer])
            .SelectMany(container => Items(container, "ports"))
            .Select(port => (Text(port, "name")!, int.Parse(Text(port, "containerPort")!)));

    private List<YamlMappingNode> PodsSelectedBy(IReadOnlyDictionary<string, string> selector) =>
        Workloads.SelectMany(_rendered.OfKind)
            .Where(workload => selector.Count > 0 && selector.All(pair => Map(workload, "spec", "template", "metadata", "labels").GetValueOrDefault(pair.Key) == pair.Value))
            .ToList();
}
