using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// Cluster mode (docs/architecture.md, "Parts") on loopback: a redis-server, silo processes and gateway processes, each
/// started from its build output the way an operator starts it, with its own ports.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";

    private LocalCluster(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }
    public List<ClusterNode> Silos { get; } = [];
    public List<ClusterNode> Gateways { get; } = [];

    public static async Task<LocalCluster> StartAsync(int silos = 2, int gateways = 2)
    {
        var cluster = new LocalCluster(await RedisServer.StartAsync());
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync();
        }

        for (var i = 0; i < gateways; i++)
        {
            cluster.Gateways.Add(cluster.StartNode("Gateway", new Dictionary<string, string> { ["MAX_SESSIONS_PER_HOUR"] = "100000" }));
        }

        await Task.WhenAll(cluster.Gateways.Select(gateway => gateway.WaitUntilReadyAsync()));
        return cluster;
    }

    public async Task<ClusterNode> AddSiloAsync()
    {
        var silo = StartNode("Silo", new Dictionary<string, string>
        {
            ["ORLEANS_ADVERTISED_IP"] = "127.0.0.1",
            ["ORLEANS_SILO_PORT"] = $"{TestEnvironment.FreePort()}",
            ["ORLEANS_GATEWAY_PORT"] = $"{TestEnvironment.FreePort()}",
        });
        Silos.Add(silo);
        await silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>The live silo whose log shows the session's latest activation.</summary>
    public ClusterNode SiloHolding(Guid sessionId)
    {
        var marker = $"Session {sessionId:D} activated";
        var created = $"Session {sessionId:D} created";
        var holders = Silos.Where(silo => !silo.Process.HasExited && (silo.Process.Output.Contains(marker) || silo.Process.Output.Contains(created))).ToList();
        Assert.True(holders.Count == 1, $"exactly one live silo holds session {sessionId}; found {holders.Count}");
        return holders[0];
    }

    /// <summary>Where each node's log is written when the cluster is taken down, for looking into a failure.</summary>
    public string LogFolder => Path.Combine(TestEnvironment.RepositoryRoot(), "artifacts", "cluster-logs", _clusterId);

    public async ValueTask DisposeAsync()
    {
        Directory.CreateDirectory(LogFolder);
        var nodes = Silos.Select((silo, i) => (Name: $"silo-{i}", Node: silo)).Concat(Gateways.Select((gateway, i) => (Name: $"gateway-{i}", Node: gateway)));
        foreach (var (name, node) in nodes)
        {
            await node.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(LogFolder, $"{name}.log"), node.Process.Output);
        }

        await Redis.DisposeAsync();
    }

    private ClusterNode StartNode(string project, Dictionary<string, string> settings)
    {
        var port = TestEnvironment.FreePort();
        settings["REDIS"] = Redis.ConnectionString;
        settings["ORLEANS_CLUSTER_ID"] = _clusterId;
        settings["ORLEANS_SERVICE_ID"] = "interview-tests";
        settings["PORT"] = $"{port}";
        return new ClusterNode(HostedProcess.Start(project, settings), new Uri($"http://127.0.0.1:{port}"));
    }
}

/// <summary>One silo or gateway process and its HTTP address (for a silo: health and dashboard only).</summary>
public sealed class ClusterNode(HostedProcess process, Uri baseAddress) : IAsyncDisposable
{
    public HostedProcess Process { get; } = process;
    public Uri BaseAddress { get; } = baseAddress;
    public HttpClient Http { get; } = new() { BaseAddress = baseAddress };
    public int Port => BaseAddress.Port;

    public Task WaitUntilReadyAsync() => Process.WaitUntilAnswersAsync(Http, "/health/ready");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
