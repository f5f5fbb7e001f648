using Interview.Client.Services;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// Gateways hold nothing of a session but their connections: when one is killed, its browsers
/// reconnect (SignalR's automatic reconnect, the client's delays) through the balancer to another gateway,
/// rejoin with their revision, and type on; nothing typed is lost.
/// </summary>
public sealed class GatewayFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Users_of_a_killed_gateway_reconnect_through_another_and_go_on()
    {
        var (doomed, survivor) = (_cluster.Gateways[0], _cluster.Gateways[1]);
        await using var balancer = new LoopbackBalancer(doomed.Port, survivor.Port);
        var sessionId = await Sessions.CreateAsync(survivor.Http);
        await using var ada = await Typist.JoinAsync(balancer.Address, sessionId, "Ada"); // lands on the first gateway
        await using var bob = await Typist.JoinAsync(survivor.BaseAddress, sessionId, "Bob");

        await new TypingRun(ada, bob).AroundAsync(doomed.Process.KillAsync, output, "kill -9 of Ada's gateway");

        Assert.Equal(ConnectionState.Connected, await ada.OnTabAsync(t => t.State));
        await Sessions.ConvergedAsync(survivor.BaseAddress, sessionId, Languages.Template("python"), ada, bob);
        Assert.DoesNotContain(await bob.OnTabAsync(t => t.Leaves.ToList()), left => left.UserId == ada.UserId); // Ada never left
    }
}
