using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// docs/architecture.md, "Durability and failover": the session survives the loss of the silo that holds it. Two people type on
/// through a kill -9 and through a graceful stop, and end with one text holding all they typed, once.
/// </summary>
public sealed class SiloFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_killed_silo_loses_nothing_anyone_typed()
    {
        var sessionId = await Sessions.CreateAsync(_cluster.Gateways[0].Http);
        await using var ada = await Typist.JoinAsync(_cluster.Gateways[0].BaseAddress, sessionId, "Ada");
        await using var bob = await Typist.JoinAsync(_cluster.Gateways[1].BaseAddress, sessionId, "Bob");
        var holder = _cluster.SiloHolding(sessionId);

        await new TypingRun(ada, bob).AroundAsync(holder.Process.KillAsync, output, "kill -9 of the session's silo");

        Assert.True(holder.Process.HasExited);
        var text = await Sessions.ConvergedAsync(_cluster.Gateways[1].BaseAddress, sessionId, Languages.Template("python"), ada, bob);
        output.WriteLine($"{ada.Typed.Count + bob.Typed.Count} tokens typed, all in the final text once ({text.Length} characters)");
        Assert.Contains(_cluster.Silos, silo => !silo.Process.HasExited && silo.Process.Output.Contains($"Session {sessionId:D} activated"));
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_hands_its_sessions_over()
    {
        var sessionId = await Sessions.CreateAsync(_cluster.Gateways[0].Http);
        await using var ada = await Typist.JoinAsync(_cluster.Gateways[0].BaseAddress, sessionId, "Ada");
        await using var bob = await Typist.JoinAsync(_cluster.Gateways[1].BaseAddress, sessionId, "Bob");
        var holder = _cluster.SiloHolding(sessionId);

        var exitCode = -1;
        await new TypingRun(ada, bob).AroundAsync(async () =>
        {
            holder.Process.Terminate();
            exitCode = await holder.Process.WaitForExitAsync();
        }, output, "a graceful stop (SIGTERM) of the session's silo, from its exit");

        Assert.Equal(0, exitCode);
        await Sessions.ConvergedAsync(_cluster.Gateways[0].BaseAddress, sessionId, Languages.Template("python"), ada, bob);
    }
}
