using System.Net;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using SocketIOClient.Transport;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// The Socket.IO door and the hub are two doors to one session (docs/protocol.md, "The Socket.IO door"):
/// a participant of each, here the .NET Socket.IO client and a SignalR connection, see each other arrive,
/// edit one text, switch its language and leave; the identity rules, the origin check and the session's end
/// hold at this door as at the hub.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoDoorTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData(TransportProtocol.WebSocket)]
    [InlineData(TransportProtocol.Polling)]
    public async Task A_Socket_IO_participant_and_a_hub_participant_share_one_session(TransportProtocol transport)
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.JoinAsync(sessionId);
        await using var cy = await SocketIoPeer.ConnectAsync(fixture.BaseAddress, transport);

        await cy.JoinAsync(sessionId, "Cy");
        var joined = await cy.WaitForAsync(HubEvents.SessionJoined);
        Assert.Equal(2, joined.Int("userCount"));
        Assert.Equal(["Ada", "Cy"], joined.GetProperty("users").EnumerateArray().Select(u => u.Str("username")).Order());
        var arrived = await ada.EventAsync(HubEvents.UserJoined, u => u.Str("userId") == cy.UserId);
        Assert.Equal(("Cy", 2), (arrived.Str("username"), arrived.Int("userCount")));

        await cy.ChangeCodeAsync(sessionId, "let fromSocketIo = 1;");
        var update = await ada.EventAsync(HubEvents.CodeUpdate, u => u.Str("userId") == cy.UserId);
        Assert.Equal("let fromSocketIo = 1;", update.Str("code"));

        await ada.ChangeCodeAsync(sessionId, "let fromHub = 2;");
        var back = await cy.WaitForAsync(HubEvents.CodeUpdate, u => u.Str("userId") == ada.UserId);
        Assert.Equal(["code", "revision", "timestamp", "userId"], Json.Keys(back));
        Assert.Equal(("let fromHub = 2;", update.Int("revision") + 1), (back.Str("code"), back.Int("revision")));
        Assert.DoesNotContain(cy.All(HubEvents.CodeUpdate), u => u.Str("userId") == cy.UserId); // not back to its sender

        await ada.ChangeLanguageAsync(sessionId, "python");
        var language = await cy.WaitForAsync(HubEvents.LanguageUpdate);
        Assert.Equal(("python", ada.UserId), (language.Str("language"), language.Str("userId")));

        await cy.DisposeAsync();
        var left = await ada.EventAsync(HubEvents.UserLeft, u => u.Str("userId") == cy.UserId);
        Assert.Equal(1, left.Int("userCount"));
    }

    [Fact]
    public async Task Session_joined_reads_the_same_at_either_door()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        var atHub = await ada.JoinAsync(sessionId, withToken: false);
        await using var cy = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);

        await cy.JoinAsync(sessionId, "Cy");
        var atDoor = await cy.WaitForAsync(HubEvents.SessionJoined);

        Assert.Equal(Json.Keys(atHub), Json.Keys(atDoor));
        Assert.Equal(atHub.Str("currentCode"), atDoor.Str("currentCode"));
        Assert.Equal(43, atDoor.Str("userToken").Length);
    }

    [Fact]
    public async Task A_present_users_id_is_not_a_way_in_and_another_users_id_changes_nothing()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.JoinAsync(sessionId);
        await using var mallory = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);

        await mallory.EmitAsync("join-session", new { sessionId, userId = ada.UserId, username = "Mallory" });
        var forbidden = await mallory.WaitForAsync(HubEvents.Error);
        Assert.Equal("FORBIDDEN", forbidden.Str("code"));

        await mallory.ChangeCodeAsync(sessionId, "// not joined");
        Assert.Equal("INVALID_SESSION", (await mallory.WaitForAsync(HubEvents.Error, e => e.Str("code") != "FORBIDDEN")).Str("code"));

        await mallory.JoinAsync(sessionId, "Mallory");
        await mallory.WaitForAsync(HubEvents.SessionJoined);
        await mallory.EmitAsync("code-change", new { sessionId, code = "// as Ada", userId = ada.UserId });
        var impersonation = await mallory.WaitForAsync(HubEvents.Error, e => e.Str("code") == "INVALID_PAYLOAD");
        Assert.Equal("userId", impersonation.GetProperty("details").Str("field"));
        await mallory.EmitAsync("language-change", new { sessionId, language = "python", userId = ada.UserId });
        await Eventually.HoldsAsync(() => mallory.All(HubEvents.Error).Count(e => e.Str("code") == "INVALID_PAYLOAD") == 2, "the language change as Ada is refused too");

        await mallory.ChangeCodeAsync(sessionId, "// Mallory's own");
        await ada.EventAsync(HubEvents.CodeUpdate, u => u.Str("userId") == mallory.UserId);
        Assert.DoesNotContain(ada.All(HubEvents.CodeUpdate), u => u.Str("code") == "// as Ada");
        Assert.Empty(ada.All(HubEvents.LanguageUpdate));
        Assert.Empty(ada.All(HubEvents.Error));
    }

    [Fact]
    public async Task A_UUID_user_id_is_one_user_at_either_door()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.JoinAsync(sessionId);
        await using var tab = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);

        // Ada's second tab, at the other door, with her token and her id in capitals: the same user.
        await tab.EmitAsync("join-session", new { sessionId, userId = ada.UserId.ToUpperInvariant(), username = "Ada", userToken = ada.TokenIn(sessionId) });

        var joined = await tab.WaitForAsync(HubEvents.SessionJoined);
        Assert.Equal(1, joined.Int("userCount"));
        Assert.Equal(ada.UserId, joined.GetProperty("users")[0].Str("id"));
        Assert.Empty(ada.All(HubEvents.UserJoined));
    }

    [Fact]
    public async Task Code_change_may_leave_language_out_but_not_name_an_unknown_one()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var cy = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);
        await cy.JoinAsync(sessionId, "Cy");
        await cy.WaitForAsync(HubEvents.SessionJoined);

        await cy.EmitAsync("code-change", new { sessionId, code = "x = 1", language = "cobol", userId = cy.UserId });
        Assert.Equal("language", (await cy.WaitForAsync(HubEvents.Error)).GetProperty("details").Str("field"));
        await cy.EmitAsync("code-change", new { sessionId, code = new string('x', 102_401), userId = cy.UserId });
        await Eventually.HoldsAsync(() => cy.All(HubEvents.Error).Any(e => e.GetProperty("details").Str("field") == "code"), "code over 100 KB is refused");
        await cy.ChangeCodeAsync(sessionId, "x = 2");

        // A connection's messages are handled in order: its join again answers with the change applied.
        await cy.JoinAsync(sessionId, "Cy");
        await Eventually.HoldsAsync(() => cy.All(HubEvents.SessionJoined).Count() == 2, "the second join is answered");
        var rejoined = cy.All(HubEvents.SessionJoined).Last();
        Assert.Equal(("x = 2", "javascript"), (rejoined.Str("currentCode"), rejoined.Str("language")));

    }

    [Fact]
    public async Task Participants_present_at_this_door_are_told_when_the_session_ends()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var cy = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);
        await cy.JoinAsync(sessionId, "Cy");
        await cy.WaitForAsync(HubEvents.SessionJoined);

        fixture.Clock.Advance(TimeSpan.FromHours(4)); // MAX_SESSION_DURATION

        var expired = await cy.WaitForAsync(HubEvents.Error);
        Assert.Equal(("SESSION_EXPIRED", sessionId), (expired.Str("code"), expired.GetProperty("details").Str("sessionId")));
        await cy.ChangeCodeAsync(sessionId, "// after the end");
        await Eventually.HoldsAsync(() => cy.All(HubEvents.Error).Count(e => e.Str("code") == "SESSION_EXPIRED") == 2, "a change after the end is refused as expired");
    }

    [Fact]
    public async Task Only_the_gateways_own_pages_and_CORS_ORIGIN_may_open_the_door()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling") { Headers = { { "Origin", "https://evil.example" } } };
        var refused = await fixture.Http.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => RawEngineSocket.OpenAsync(fixture.BaseAddress, origin: "https://evil.example"));

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling") { Headers = { { "Origin", GatewayFixture.AllowedOrigin } } };
        var answered = await fixture.Http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(GatewayFixture.AllowedOrigin, answered.Headers.GetValues("Access-Control-Allow-Origin").Single());
        await using var ownPage = await RawEngineSocket.OpenAsync(fixture.BaseAddress, origin: fixture.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(20, ownPage.Handshake.Str("sid").Length);
    }
}
