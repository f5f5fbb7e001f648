using System.Net.Http.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>docs/architecture.md, "Parts": a browser may land on any gateway; users of one session on different gateways see each other at once.</summary>
public sealed class CrossGatewayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Users_on_different_gateways_see_each_others_edits_joins_language_and_leaves()
    {
        var (first, second) = (_cluster.Gateways[0], _cluster.Gateways[1]);
        var sessionId = await Sessions.CreateAsync(first.Http);
        await using var ada = await Typist.JoinAsync(first.BaseAddress, sessionId, "Ada");
        var bob = await Typist.JoinAsync(second.BaseAddress, sessionId, "Bob");

        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Joins.Any(j => j.UserId == bob.UserId && j.Username == "Bob" && j.UserCount == 2)), "Ada sees Bob join through the other gateway");

        await ada.TypeAsync("[A1]");
        await bob.TypeAsync("[B1]", atStart: true);
        await Sessions.ConvergedAsync(second.BaseAddress, sessionId, Languages.Template("python"), ada, bob);

        await bob.ChangeLanguageAsync("javascript");
        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Languages.Any(l => l.Language == "javascript" && l.UserId == bob.UserId)), "Ada sees Bob's language change");

        var details = await first.Http.GetFromJsonAsync<SessionDetails>($"/api/sessions/{sessionId:D}");
        Assert.Equal(("javascript", 2), (details!.Language, details.UserCount));
        var health = await second.Http.GetFromJsonAsync<HealthResponse>("/api/health");
        Assert.True(health!.ActiveSessions >= 1, "the session is counted by every gateway");

        await bob.DisposeAsync();
        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Leaves.Any(l => l.UserId == bob.UserId && l.UserCount == 1)), "Ada sees Bob leave");
        output.WriteLine($"session {sessionId} served by {_cluster.SiloHolding(sessionId).BaseAddress}");
    }
}
