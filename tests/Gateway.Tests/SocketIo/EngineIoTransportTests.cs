using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// Engine.IO v4 at /socket.io/ (docs/protocol.md, "The Socket.IO door"): the handshake, its refusals with
/// Engine.IO's own codes, long polling and its upgrade, and frames that are no Engine.IO at all, each
/// answered or closed with a reason, the gateway serving on.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class EngineIoTransportTests(GatewayFixture fixture)
{
    private const char Separator = '\u001e';

    [Fact]
    public async Task A_polling_handshake_gives_the_open_packet_with_the_heartbeat_and_the_message_limit()
    {
        var response = await fixture.Http.GetAsync("/socket.io/?EIO=4&transport=polling&t=abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0{", body);
        var open = JsonDocument.Parse(body[1..]).RootElement;
        Assert.Equal(["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"], Json.Keys(open));
        Assert.Equal((25000, 20000, 655360), (open.Int("pingInterval"), open.Int("pingTimeout"), open.Int("maxPayload")));
        Assert.Equal(["websocket"], open.GetProperty("upgrades").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(20, open.Str("sid").Length);
    }

    [Theory]
    [InlineData("/socket.io/?EIO=3&transport=polling", 5)]
    [InlineData("/socket.io/?transport=polling", 5)]
    [InlineData("/socket.io/?EIO=4&transport=flashsocket", 0)]
    [InlineData("/socket.io/?EIO=4", 0)]
    [InlineData("/socket.io/?EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA", 1)]
    [InlineData("/socket.io/?EIO=4&transport=websocket", 3)]
    public async Task A_request_Engine_IO_does_not_take_is_refused_with_its_code(string path, int code)
    {
        var response = await fixture.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Json.ReadAsync(response);
        Assert.Equal(["code", "message"], Json.Keys(error));
        Assert.Equal(code, error.Int("code"));
    }

    [Fact]
    public async Task A_handshake_by_POST_is_a_bad_handshake_method()
    {
        var response = await fixture.Http.PostAsync("/socket.io/?EIO=4&transport=polling", new StringContent("40"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync(response)).Int("code"));
    }

    [Fact]
    public async Task A_polling_client_connects_joins_and_receives_its_events_in_one_body()
    {
        var sessionId = await fixture.CreateSessionAsync();
        var sid = await HandshakeAsync();

        Assert.Equal("ok", await PostAsync(sid, "40" + Separator + "42" + JsonSerializer.Serialize(new object[] { "join-session", new { sessionId, userId = "poller-1", username = "Poll" } })));
        var events = await PollUntilAsync(sid, body => body.Contains("session-joined", StringComparison.Ordinal));

        var packets = events.Split(Separator);
        Assert.StartsWith("40{\"sid\":\"socketio-", packets[0]);
        var joined = JsonDocument.Parse(packets.Single(p => p.StartsWith("42[\"session-joined\"", StringComparison.Ordinal))[2..]).RootElement[1];
        Assert.Equal((sessionId, 1), (joined.Str("sessionId"), joined.Int("userCount")));
    }

    [Fact]
    public async Task Two_polls_at_once_end_the_socket_as_Engine_IO_does()
    {
        var sid = await HandshakeAsync();

        // Neither poll ends on its own (nothing is sent for 25 s): whichever the gateway sees second is
        // refused, and the socket's end answers the other with the close packet.
        var polls = await Task.WhenAll(
            fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}"),
            fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}"));

        var answers = await Task.WhenAll(polls.Select(async poll => $"{(int)poll.StatusCode} {await poll.Content.ReadAsStringAsync()}"));
        Assert.Single(answers, answer => answer == "200 1");
        Assert.Single(answers, answer => answer.StartsWith("400 ", StringComparison.Ordinal) && answer.Contains("two polls at once", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}")).StatusCode);
    }

    [Fact]
    public async Task A_body_past_the_message_limit_is_refused_with_413_and_ends_the_socket()
    {
        var sid = await HandshakeAsync();

        var response = await fixture.Http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("42" + new string('x', 700_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1, (await Json.ReadAsync(await fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}"))).Int("code")); // Session ID unknown
    }

    [Fact]
    public async Task A_body_that_is_not_UTF_8_is_refused_and_ends_the_socket()
    {
        var sid = await HandshakeAsync();

        var response = await fixture.Http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new ByteArrayContent([(byte)'4', (byte)'2', 0xC3, 0x28]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", (await Json.ReadAsync(response)).Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}")).StatusCode);
    }

    [Fact]
    public async Task An_upgrade_lets_the_poll_in_flight_go_with_a_noop_and_then_the_WebSocket_carries_everything()
    {
        var sessionId = await fixture.CreateSessionAsync();
        var sid = await HandshakeAsync();
        Assert.Equal("ok", await PostAsync(sid, "40"));
        Assert.StartsWith("40{", await PollUntilAsync(sid, body => body.StartsWith("40", StringComparison.Ordinal)));
        var waiting = fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{fixture.BaseAddress.Authority}/socket.io/?EIO=4&transport=websocket&sid={sid}"), CancellationToken.None);
        await SendAsync(socket, "2probe");
        Assert.Equal("3probe", await ReceiveAsync(socket));
        Assert.Equal("6", await (await waiting).Content.ReadAsStringAsync());
        await SendAsync(socket, "5");
        await SendAsync(socket, "42" + JsonSerializer.Serialize(new object[] { "join-session", new { sessionId, userId = "upgraded-1" } }));

        string frame;
        do
        {
            frame = (await ReceiveAsync(socket))!;
        }
        while (!frame.StartsWith("42[\"session-joined\"", StringComparison.Ordinal));

        var poll = await fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");
        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode); // upgraded: polling is over
        Assert.Equal(3, (await Json.ReadAsync(poll)).Int("code"));
    }

    [Fact]
    public async Task An_upgrade_that_sends_too_much_is_closed_and_the_socket_goes_on_polling()
    {
        var sid = await HandshakeAsync();
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri($"ws://{fixture.BaseAddress.Authority}/socket.io/?EIO=4&transport=websocket&sid={sid}"), CancellationToken.None);
            await SendAsync(socket, "2probe");
            Assert.Equal("3probe", await ReceiveAsync(socket));
            await SendAsync(socket, new string('5', 700_000));
            Assert.Null(await ReceiveAsync(socket));
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        }

        // Polling as before: a poll waits for what is sent (CONNECT's answer), it is not let go with a noop.
        var poll = fixture.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");
        Assert.Equal("ok", await PostAsync(sid, "40"));
        Assert.StartsWith("40{\"sid\"", await (await poll).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_clients_ping_is_not_echoed()
    {
        await using var raw = await RawEngineSocket.OpenAsync(fixture.BaseAddress);

        await raw.SendAsync("2" + new string('x', 1000));
        await raw.SendAsync("40");

        Assert.StartsWith("40{\"sid\"", await raw.ReceiveAsync());
    }

    [Theory]
    [InlineData("9", WebSocketCloseStatus.ProtocolError, "not an Engine.IO packet")]
    [InlineData("", WebSocketCloseStatus.ProtocolError, "an empty Engine.IO packet")]
    [InlineData("42[\"join-session\",{}]", WebSocketCloseStatus.ProtocolError, "a Socket.IO packet before CONNECT")]
    [InlineData("4x", WebSocketCloseStatus.ProtocolError, "not a Socket.IO packet")]
    public async Task A_frame_that_is_no_Engine_IO_or_comes_before_CONNECT_closes_the_socket_saying_why(string frame, WebSocketCloseStatus status, string reason)
    {
        await using var raw = await RawEngineSocket.OpenAsync(fixture.BaseAddress);

        await raw.SendAsync(frame);

        await raw.UntilClosedAsync();
        Assert.Equal(status, raw.Closed.Status);
        Assert.Contains(reason, raw.Closed.Reason, StringComparison.Ordinal);
        await using var next = await RawEngineSocket.ConnectAsync(fixture.BaseAddress); // the gateway serves on
    }

    [Fact]
    public async Task A_frame_past_the_message_limit_closes_the_socket_with_message_too_big()
    {
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync("42[\"code-change\",{\"code\":\"" + new string('x', 660_000) + "\"}]");

        await raw.UntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, raw.Closed.Status);
        Assert.Equal("a message over 655360 bytes", raw.Closed.Reason);
    }

    [Fact]
    public async Task A_text_frame_that_is_not_UTF_8_closes_the_socket_with_invalid_payload_data()
    {
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendBytesAsync([(byte)'4', (byte)'2', 0xFF, 0xFE]);

        await raw.UntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, raw.Closed.Status);
    }

    [Fact]
    public async Task A_WebSocket_handshake_says_it_cannot_be_upgraded_further()
    {
        await using var raw = await RawEngineSocket.OpenAsync(fixture.BaseAddress);

        Assert.Empty(raw.Handshake.GetProperty("upgrades").EnumerateArray());
        Assert.Equal(25000, raw.Handshake.Int("pingInterval"));
    }

    private async Task<string> HandshakeAsync()
    {
        var body = await fixture.Http.GetStringAsync("/socket.io/?EIO=4&transport=polling");
        return JsonDocument.Parse(body[1..]).RootElement.Str("sid");
    }

    private async Task<string> PostAsync(string sid, string body)
    {
        var response = await fixture.Http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent(body, Encoding.UTF8, "text/plain"));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Polls until a body the condition holds for (a ping is answered), and returns what the polls gathered.</summary>
    private async Task<string> PollUntilAsync(string sid, Func<string, bool> holds)
    {
        var gathered = new StringBuilder();
        await Eventually.HoldsAsync(async () =>
        {
            var body = await fixture.Http.GetStringAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");
            if (body == "2")
            {
                await PostAsync(sid, "3");
            }

            gathered.Append(gathered.Length == 0 ? string.Empty : Separator).Append(body);
            return holds(gathered.ToString());
        }, "the poll brings what was awaited");
        return gathered.ToString();
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return result.MessageType == WebSocketMessageType.Close ? null : Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
