using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// Socket.IO packets at the door once connected (docs/protocol.md, "The Socket.IO door"): a malformed one
/// is answered with an INVALID_PAYLOAD error event and costs nothing else (the connection joins right
/// after it); another namespace is refused with CONNECT_ERROR; a binary packet is refused and its
/// attachments dropped; an event that asks for an answer gets one, the refusal or null.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoPacketTests(GatewayFixture fixture)
{
    public static TheoryData<string, string> Malformed() => new()
    {
        { "4zz", "not a Socket.IO packet" },
        { "47", "not a Socket.IO packet" },
        { "42{not json", "a JSON array" },
        { "42", "a JSON array" },
        { "42[]", "a JSON array" },
        { "42[1,{}]", "a JSON array" },
        { "42\"join-session\"", "a JSON array" },
        { "42[\"\\ud800\",{}]", "half of a surrogate pair" },
        { "42" + new string('[', 100) + new string(']', 100), "a JSON array" },
        { "4599999999999-[\"join-session\"]", "announces its attachments" },
        { "4299999999999999999999[\"join-session\",{}]", "acknowledgement id" },
        { "44{\"message\":\"x\"}", "a client does not send packet type 4" },
        { "42/admin,[\"join-session\",{}]", "only the default namespace" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_packet_is_answered_and_the_connection_serves_on(string frame, string problem)
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync(frame);

        var error = await raw.EventAsync("error");
        Assert.Equal("INVALID_PAYLOAD", error.Str("code"));
        Assert.Contains(problem, error.Str("message"), StringComparison.Ordinal);
        await raw.EmitAsync("join-session", new { sessionId, userId = "after-garbage" });
        Assert.Equal(sessionId, (await raw.EventAsync("session-joined")).Str("sessionId"));
    }

    [Theory]
    [InlineData("[\"join-session\",\"a string\"]", null, "The payload must be a JSON object")]
    [InlineData("[\"join-session\"]", null, "The payload must be a JSON object")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"a b\"}]", "userId", "1 to 64 letters")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"\"}]", "userId", "1 to 64 letters")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"x\\ud800\"}]", "userId", "half of a surrogate pair")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":7}]", "userId", "must be a string")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"u1\",\"protocol\":\"ot\"}]", "protocol", "the hub's")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"u1\",\"interviewerKey\":\"k\"}]", "interviewerKey", "the hub's")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"u1\",\"username\":\"\\u200b\"}]", "username", "visible character")]
    [InlineData("[\"join-session\",{\"sessionId\":\"SESSION\",\"userId\":\"u1\",\"userToken\":\"short\"}]", "userToken", "token")]
    [InlineData("[\"submit-operation\",{}]", null, "Unknown event")]
    public async Task A_join_the_door_does_not_take_is_refused_naming_the_field(string data, string? field, string message)
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync("42" + data.Replace("SESSION", sessionId, StringComparison.Ordinal));

        var error = await raw.EventAsync("error");
        Assert.Equal("INVALID_PAYLOAD", error.Str("code"));
        Assert.Contains(message, error.Str("message"), StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("details").Str("field"));
        }

        Assert.Equal(0, (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{sessionId}"))).Int("userCount"));
    }

    [Fact]
    public async Task A_user_id_of_64_characters_joins_and_one_of_65_does_not()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.EmitAsync("join-session", new { sessionId, userId = new string('a', 65) });
        Assert.Equal("userId", (await raw.EventAsync("error")).GetProperty("details").Str("field"));
        await raw.EmitAsync("join-session", new { sessionId, userId = "A-z_0" + new string('9', 59) });
        var joined = await raw.EventAsync("session-joined");
        Assert.Equal("A-z_0" + new string('9', 59), joined.GetProperty("users")[0].Str("id"));
    }

    [Fact]
    public async Task Another_namespace_is_refused_with_CONNECT_ERROR_and_the_default_one_still_connects()
    {
        await using var raw = await RawEngineSocket.OpenAsync(fixture.BaseAddress);

        await raw.SendAsync("40/admin,");
        Assert.Equal("44/admin,{\"message\":\"Invalid namespace\"}", await raw.ReceiveAsync());
        await raw.SendAsync("40");
        Assert.StartsWith("40{\"sid\":\"socketio-", await raw.ReceiveAsync());
    }

    [Fact]
    public async Task A_socket_that_only_asks_for_namespaces_it_cannot_have_is_closed()
    {
        await using var raw = await RawEngineSocket.OpenAsync(fixture.BaseAddress);

        for (var i = 0; i < 11; i++)
        {
            await raw.SendAsync("40/" + new string('n', 1000) + ",");
        }

        var frames = await raw.UntilClosedAsync();
        Assert.Equal(10, frames.Count);
        Assert.All(frames, frame => Assert.Equal("44/" + new string('n', 63) + ",{\"message\":\"Invalid namespace\"}", frame)); // the name cut, not echoed whole
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "only namespaces this server does not have"), raw.Closed);
    }

    [Fact]
    public async Task Event_names_a_client_makes_up_are_no_metric_labels()
    {
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        for (var i = 0; i < 20; i++)
        {
            await raw.EmitAsync($"made-up-event-{i}", new { });
            Assert.Equal($"made-up-event-{i}", (await raw.EventAsync("error")).GetProperty("details").Str("event"));
        }

        var metrics = await fixture.Http.GetStringAsync("/metrics");
        Assert.DoesNotContain("made-up-event", metrics, StringComparison.Ordinal);
        Assert.Contains("method=\"unknown\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_event_is_refused_its_attachments_dropped_and_an_unannounced_binary_frame_closes()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync("452-[\"code-change\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await raw.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);
        await raw.SendBytesAsync([4, 5, 6], WebSocketMessageType.Binary);
        var error = await raw.EventAsync("error");
        Assert.Equal("INVALID_PAYLOAD", error.Str("code"));
        Assert.Contains("binary attachments are not taken here", error.Str("message"), StringComparison.Ordinal);
        await raw.EmitAsync("join-session", new { sessionId, userId = "binary-1" });
        Assert.Equal(sessionId, (await raw.EventAsync("session-joined")).Str("sessionId"));

        await raw.SendBytesAsync([7], WebSocketMessageType.Binary);
        await raw.UntilClosedAsync();
        Assert.Equal((WebSocketCloseStatus.ProtocolError, "a binary message no binary packet announced"), raw.Closed);
    }

    [Fact]
    public async Task An_event_that_asks_for_an_answer_gets_null_or_the_refusal_after_the_error_event()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync("4217" + JsonSerializer.Serialize(new object[] { "join-session", new { sessionId, userId = "asker-1" } }));
        Assert.StartsWith("42[\"session-joined\"", await raw.ReceiveAsync());
        Assert.Equal("4317[null]", await raw.ReceiveAsync());

        await raw.SendAsync("4218" + JsonSerializer.Serialize(new object[] { "code-change", new { sessionId, userId = "asker-1", code = 5 } }));
        var error = await raw.ReceiveAsync();
        Assert.StartsWith("42[\"error\"", error);
        var answer = await raw.ReceiveAsync();
        Assert.StartsWith("4318[", answer);
        var refusal = JsonDocument.Parse(answer![4..]).RootElement[0];
        Assert.Equal(["error"], Json.Keys(refusal));
        Assert.Equal(JsonDocument.Parse(error![2..]).RootElement[1].GetRawText(), refusal.GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task A_second_CONNECT_is_answered_again_and_DISCONNECT_leaves_the_session()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var watcher = await fixture.ConnectAsync("Watcher");
        await watcher.JoinAsync(sessionId);
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);
        await raw.EmitAsync("join-session", new { sessionId, userId = "leaver-1" });
        await raw.EventAsync("session-joined");

        await raw.SendAsync("40");
        Assert.StartsWith("40{\"sid\":", await raw.ReceiveAsync());
        await raw.SendAsync("41");

        var left = await watcher.EventAsync("user-left", u => u.Str("userId") == "leaver-1");
        Assert.Equal(1, left.Int("userCount"));
    }

    [Fact]
    public async Task An_engine_close_packet_leaves_the_session_at_once()
    {
        var sessionId = await fixture.CreateSessionAsync();
        await using var watcher = await fixture.ConnectAsync("Watcher");
        await watcher.JoinAsync(sessionId);
        await using var raw = await RawEngineSocket.ConnectAsync(fixture.BaseAddress);
        await raw.EmitAsync("join-session", new { sessionId, userId = "closer-1" });
        await raw.EventAsync("session-joined");

        await raw.SendBytesAsync(Encoding.UTF8.GetBytes("1"));

        Assert.Equal(1, (await watcher.EventAsync("user-left", u => u.Str("userId") == "closer-1")).Int("userCount"));
    }
}
