using System.Net.Http.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// docs/architecture.md, "Parts": a browser may land on any gateway; users of one session on different
/// gateways see each other at once, at either door (the hub, or the Socket.IO endpoint of docs/protocol.md).
/// </summary>
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

        // A SPEC.md client at the other gateway's Socket.IO door: the same session, the same text, both ways.
        await using var cy = await SocketIoPeer.ConnectAsync(second.BaseAddress);
        await cy.JoinAsync(sessionId.ToString("D"), "Cy");
        var cyJoined = await cy.WaitForAsync(HubEvents.SessionJoined);
        Assert.Equal(3, cyJoined.GetProperty("userCount").GetInt32());
        Assert.Contains("[A1]", cyJoined.GetProperty("currentCode").GetString(), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Joins.Any(j => j.UserId == cy.UserId && j.UserCount == 3)), "Ada sees Cy join at the other gateway's Socket.IO door");
        await ada.TypeAsync("[A2]");
        var typed = (await cy.WaitForAsync(HubEvents.CodeUpdate, u => u.GetProperty("code").GetString()!.Contains("[A2]", StringComparison.Ordinal))).GetProperty("code").GetString()!;
        await cy.ChangeCodeAsync(sessionId.ToString("D"), typed + "[C1]");
        await Eventually.HoldsAsync(async () => (await ada.TextAsync()) == typed + "[C1]", "Ada's editor shows Cy's text");
        await cy.DisposeAsync();
        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Leaves.Any(l => l.UserId == cy.UserId && l.UserCount == 2)), "Ada sees Cy leave");

        await bob.DisposeAsync();
        await Eventually.HoldsAsync(async () => await ada.OnTabAsync(t => t.Leaves.Any(l => l.UserId == bob.UserId && l.UserCount == 1)), "Ada sees Bob leave");
        output.WriteLine($"session {sessionId} served by {_cluster.SiloHolding(sessionId).BaseAddress}");
    }
}
