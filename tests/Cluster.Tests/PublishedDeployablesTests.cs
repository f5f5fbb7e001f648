using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// What deploy/publish.sh produced (./test.sh publishes before testing; the Dockerfiles copy the same
/// output into their images) starts as a cluster and serves the whole client, Pyodide included.
/// </summary>
public sealed class PublishedDeployablesTests
{
    [Fact]
    public async Task The_published_silo_and_gateway_form_a_cluster_and_serve_the_client()
    {
        var published = Path.Combine(TestEnvironment.RepositoryRoot(), "artifacts", "publish");
        var (silo, gateway) = (Path.Combine(published, "silo", "Interview.Silo.dll"), Path.Combine(published, "gateway", "Interview.Gateway.dll"));
        Assert.True(File.Exists(silo) && File.Exists(gateway), $"run deploy/publish.sh silo|gateway {published}/silo|gateway first (./test.sh does)");

        await using var redis = await RedisServer.StartAsync();
        var cluster = new Dictionary<string, string> { ["REDIS"] = redis.ConnectionString, ["ORLEANS_CLUSTER_ID"] = $"published-{Guid.NewGuid():N}" };
        var (siloPort, gatewayPort) = (TestEnvironment.FreePort(), TestEnvironment.FreePort());
        await using var siloProcess = HostedProcess.StartDll(silo, "published silo", new Dictionary<string, string>(cluster)
        {
            ["PORT"] = $"{siloPort}",
            ["ORLEANS_ADVERTISED_IP"] = "127.0.0.1",
            ["ORLEANS_SILO_PORT"] = $"{TestEnvironment.FreePort()}",
            ["ORLEANS_GATEWAY_PORT"] = $"{TestEnvironment.FreePort()}",
        });
        await using var gatewayProcess = HostedProcess.StartDll(gateway, "published gateway", new Dictionary<string, string>(cluster) { ["PORT"] = $"{gatewayPort}" });
        using var siloHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{siloPort}") };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}") };

        await siloProcess.WaitUntilAnswersAsync(siloHttp, "/health/ready");
        await gatewayProcess.WaitUntilAnswersAsync(http, "/health/ready");

        var page = await http.GetStringAsync("/session/3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b");
        Assert.Contains("_framework/blazor.webassembly", page);
        foreach (var asset in new[] { "/pyodide/pyodide.mjs", "/pyodide/pyodide-lock.json", "/js/runners/python-worker.mjs" })
        {
            var response = await http.GetAsync(asset);
            Assert.True(response.IsSuccessStatusCode, $"{asset} is served from the publish output ({response.StatusCode})");
        }

        var created = await Sessions.CreateAsync(http);
        await Eventually.HoldsAsync(() => siloProcess.Output.Contains($"Session {created:D} created"), "the published silo holds the session");
    }
}
