using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// The hub's budgets and limits hold at the Socket.IO door (docs/protocol.md, "The Socket.IO door",
/// "Budgets and floods"): MAX_MESSAGES_PER_MINUTE per connection, the flood that closes it,
/// MAX_CONNECTIONS_PER_IP over both doors together; and its heartbeat, on a gateway with a short one.
/// </summary>
public sealed class SocketIoLimitsTests
{
    [Fact]
    public async Task A_connection_past_its_budget_is_refused_and_one_that_floods_on_is_closed_saying_so()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_MESSAGES_PER_MINUTE=5", "MAX_OPERATIONS_PER_MINUTE=5");
        var sessionId = await CreateSessionAsync(gateway);
        await using var raw = await RawEngineSocket.ConnectAsync(gateway.BaseAddress);
        await raw.EmitAsync("join-session", new { sessionId, userId = "flooder-1" });
        await raw.EventAsync("session-joined");
        for (var i = 0; i < 4; i++)
        {
            await raw.EmitAsync("code-change", new { sessionId, code = $"// {i}", userId = "flooder-1" });
        }

        await raw.EmitAsync("code-change", new { sessionId, code = "// sixth", userId = "flooder-1" });
        var refused = await raw.EventAsync("error");
        Assert.Equal("RATE_LIMIT_EXCEEDED", refused.Str("code"));
        Assert.True(int.Parse(refused.GetProperty("details").Str("retryAfter"), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);

        // Its whole budget's worth of refusals (5 + 5) later, it is closed: the last event says why.
        for (var i = 0; i < 10; i++)
        {
            await raw.EmitAsync("code-change", new { sessionId, code = "// flood", userId = "flooder-1" });
        }

        var last = await raw.UntilClosedAsync();
        var errors = last.Where(f => f.StartsWith("42[\"error\"", StringComparison.Ordinal)).Select(f => JsonDocument.Parse(f[2..]).RootElement[1]).ToList();
        Assert.Equal(10, errors.Count);
        Assert.All(errors, e => Assert.Equal("RATE_LIMIT_EXCEEDED", e.Str("code")));
        Assert.StartsWith("Far too many", errors[^1].Str("message"), StringComparison.Ordinal);
        Assert.Equal("41", last[^1]); // DISCONNECT: socket.io-client does not reconnect by itself after it
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, raw.Closed.Status);
    }

    [Fact]
    public async Task A_users_budget_counts_their_tabs_at_both_doors_together()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_MESSAGES_PER_MINUTE=5");
        var sessionId = await CreateSessionAsync(gateway);
        await using var hubTab = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString());
        await hubTab.JoinAsync(sessionId);
        await using var doorTab = await RawEngineSocket.ConnectAsync(gateway.BaseAddress);
        await doorTab.EmitAsync("join-session", new { sessionId, userId = hubTab.UserId, userToken = hubTab.TokenIn(sessionId) });
        Assert.Equal(1, (await doorTab.EventAsync("session-joined")).Int("userCount"));

        // Two joins spent; three changes from the hub tab make five; the Socket.IO tab's next is the user's sixth.
        for (var i = 0; i < 3; i++)
        {
            await hubTab.ChangeCodeAsync(sessionId, $"// hub {i}");
        }

        while ((await doorTab.EventAsync("code-update")).Str("code") != "// hub 2")
        {
        }

        await doorTab.EmitAsync("code-change", new { sessionId, code = "// door", userId = hubTab.UserId });
        var refused = await doorTab.EventAsync("error");
        Assert.Equal(("RATE_LIMIT_EXCEEDED", "user"), (refused.Str("code"), refused.GetProperty("details").Str("per")));
    }

    [Fact]
    public async Task A_flood_in_one_polling_body_is_answered_until_the_close_and_logged_once()
    {
        var log = new CapturedLog();
        await using var gateway = await TestGateway.StartAsync(log.AddTo, "MAX_MESSAGES_PER_MINUTE=5", "MAX_OPERATIONS_PER_MINUTE=5");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var sid = JsonDocument.Parse((await http.GetStringAsync("/socket.io/?EIO=4&transport=polling"))[1..]).RootElement.Str("sid");

        // 50,000 messages in one body (well within the 640 KB a body may be): the budget's 5, its 10
        // refusals, the closing one, and nothing more is read of it.
        var flood = "40" + string.Concat(Enumerable.Repeat("\u001e42[\"x\"]", 50_000));
        Assert.Equal("ok", await (await http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent(flood))).Content.ReadAsStringAsync());

        var body = await http.GetStringAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");
        var packets = body.Split('\u001e');
        Assert.StartsWith("40{", packets[0]);
        var errors = packets[1..^2].Select(p => JsonDocument.Parse(p[2..]).RootElement[1]).ToList();
        Assert.Equal(
            [.. Enumerable.Repeat("INVALID_PAYLOAD", 5), .. Enumerable.Repeat("RATE_LIMIT_EXCEEDED", 11)],
            errors.Select(e => e.Str("code")));
        Assert.StartsWith("Far too many", errors[^1].Str("message"), StringComparison.Ordinal);
        Assert.Equal(["41", "1"], packets[^2..]);
        Assert.Single(log.Since(0), entry => entry.Message.StartsWith("Closed Socket.IO connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MAX_CONNECTIONS_PER_IP_counts_both_doors_together()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_CONNECTIONS_PER_IP=3");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var hub = new HubConnectionBuilder().WithUrl(new Uri(gateway.BaseAddress, "/hub")).Build();
        await hub.StartAsync();
        await using var webSocket = await RawEngineSocket.OpenAsync(gateway.BaseAddress);
        var polling = JsonDocument.Parse((await http.GetStringAsync("/socket.io/?EIO=4&transport=polling"))[1..]).RootElement.Str("sid");

        var fourth = await http.GetAsync("/socket.io/?EIO=4&transport=polling");
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        var tooMany = await Json.ReadAsync(fourth);
        Assert.Equal(("Too many connections", "RATE_LIMIT_EXCEEDED"), (tooMany.Str("error"), tooMany.Str("code")));
        var hubAgain = new HubConnectionBuilder().WithUrl(new Uri(gateway.BaseAddress, "/hub")).Build();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Assert.ThrowsAsync<HttpRequestException>(() => hubAgain.StartAsync())).StatusCode);

        Assert.Equal("ok", await (await http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={polling}", new StringContent("1"))).Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode == HttpStatusCode.OK, "a closed socket frees its place");
        await hub.DisposeAsync();
        await hubAgain.DisposeAsync();
    }

    [Fact]
    public async Task The_heartbeat_keeps_a_client_that_answers_and_ends_one_that_does_not_telling_the_others()
    {
        await using var gateway = await TestGateway.StartAsync("SocketIo:PingInterval=00:00:00.500", "SocketIo:PingTimeout=00:00:01.500");
        var sessionId = await CreateSessionAsync(gateway);
        await using var watcher = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Watcher", Guid.NewGuid().ToString());
        await watcher.JoinAsync(sessionId);
        await using var answering = await RawEngineSocket.ConnectAsync(gateway.BaseAddress);
        Assert.Equal((500, 1500), (answering.Handshake.Int("pingInterval"), answering.Handshake.Int("pingTimeout")));
        await using var silent = await RawEngineSocket.ConnectAsync(gateway.BaseAddress);
        silent.AnswerPings = false;
        await answering.EmitAsync("join-session", new { sessionId, userId = "answers-1" });
        await answering.EventAsync("session-joined");
        await silent.EmitAsync("join-session", new { sessionId, userId = "silent-1" });
        await silent.EventAsync("session-joined");

        var left = await watcher.EventAsync(HubEvents.UserLeft, u => u.Str("userId") == "silent-1");
        Assert.Equal(2, left.Int("userCount"));
        await silent.UntilClosedAsync();
        Assert.Contains("no pong within 1.5 s", silent.Closed.Reason, StringComparison.Ordinal);

        await Eventually.HoldsAsync(() => answering.Pings >= 4, "the answering socket is pinged again and again");
        await answering.EmitAsync("code-change", new { sessionId, code = "// still here", userId = "answers-1" });
        Assert.Equal("// still here", (await watcher.EventAsync(HubEvents.CodeUpdate)).Str("code"));
    }

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Socket_io_client_answers_the_heartbeat_on_the_advertised_interval_and_stays(string transport)
    {
        await using var gateway = await TestGateway.StartAsync("SocketIo:PingInterval=00:00:00.500", "SocketIo:PingTimeout=00:00:01.500");

        var (exitCode, lines) = await SocketIoNodeClientTests.RunNodeAsync(
            "heartbeat.mjs", "--url", gateway.BaseAddress.ToString().TrimEnd('/'), "--transport", transport, "--pings", "4");

        Assert.Equal(["ok 4 pings"], lines);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_socket_that_never_connects_is_closed_after_the_connect_timeout()
    {
        await using var gateway = await TestGateway.StartAsync("SocketIo:PingInterval=00:00:00.500", "SocketIo:PingTimeout=00:00:01.500");
        await using var idle = await RawEngineSocket.OpenAsync(gateway.BaseAddress); // answers pings, never sends 40

        await idle.UntilClosedAsync();

        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "no CONNECT within the connect timeout"), idle.Closed);
        Assert.True(idle.Pings >= 1, "it was pinged, and answered, before");
    }

    [Fact]
    public async Task An_open_sockets_polls_and_posts_are_not_refused_at_the_connection_limit()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_CONNECTIONS_PER_IP=2");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var sessionId = await CreateSessionAsync(gateway);
        var sids = new List<string>();
        var polls = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 2; i++)
        {
            var sid = JsonDocument.Parse((await http.GetStringAsync("/socket.io/?EIO=4&transport=polling"))[1..]).RootElement.Str("sid");
            Assert.Equal("ok", await (await http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40"))).Content.ReadAsStringAsync());
            Assert.StartsWith("40{", await http.GetStringAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}"));
            polls.Add(http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}")); // held open, as a client's poll is
            sids.Add(sid);
        }

        // Two sockets open (the limit), each with a poll in flight: their posts are theirs, not new connections.
        var join = "42" + JsonSerializer.Serialize(new object[] { "join-session", new { sessionId, userId = "at-limit-1" } });
        var posted = await http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sids[0]}", new StringContent(join));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("session-joined", await (await polls[0]).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode); // a third is refused
    }

    [Fact]
    public async Task Stopping_the_gateway_closes_its_sockets_so_their_clients_reconnect()
    {
        var gateway = await TestGateway.StartAsync();
        var raw = await RawEngineSocket.ConnectAsync(gateway.BaseAddress);
        try
        {
            var stopping = gateway.DisposeAsync().AsTask();
            var last = await raw.UntilClosedAsync();
            await stopping;

            Assert.Equal((WebSocketCloseStatus.EndpointUnavailable, "the server is shutting down"), raw.Closed);
            Assert.DoesNotContain("41", last); // no DISCONNECT: socket.io-client reconnects by itself
        }
        finally
        {
            await raw.DisposeAsync();
        }
    }

    private static async Task<string> CreateSessionAsync(TestGateway gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var response = await http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" }));
        return (await Json.ReadAsync(response)).Str("sessionId");
    }
}
