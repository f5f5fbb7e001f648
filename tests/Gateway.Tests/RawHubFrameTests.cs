using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Interview.Shared.Contracts;

namespace Interview.Gateway.Tests;

/// <summary>
/// Frames no .NET client would write, sent as bytes over a plain WebSocket: JSON strings holding half of
/// a surrogate pair ("\uD83D") in every kind of field. Each is refused as INVALID_PAYLOAD naming the
/// field, never answered as a server failure, and the connection goes on.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RawHubFrameTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"\ud83d"}""", "userId")]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"USER","username":"Ada\ud83d"}""", "username")]
    [InlineData("join-session", """{"sessionId":"\ud83d","userId":"USER"}""", "sessionId")]
    [InlineData("code-change", """{"sessionId":"SESSION","userId":"USER","code":"x\ud83d","language":"javascript"}""", "code")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":true,"output":"\udc00","executionTime":1}""", "output")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":true,"output":"","executionTime":1,"logs":["ok","\ud83d"]}""", "logs")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":false,"output":"","error":"\udfff","executionTime":1}""", "error")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":false,"output":"","executionTime":1,"errorCode":"\ud800"}""", "errorCode")]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"USER","protocol":"ot\ud800"}""", "protocol")]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"USER","protocol":"ot","clientId":"\ud800"}""", "clientId")]
    [InlineData("language-change", """{"sessionId":"SESSION","userId":"USER","language":"\ud800python"}""", "language")]
    [InlineData("submit-operation", """{"sessionId":"SESSION","clientId":"c\udc00","seq":1,"revision":0,"operation":[1]}""", "clientId")]
    [InlineData("submit-operation", """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":0,"operation":["\ud800"]}""", "operation")]
    public async Task Half_a_surrogate_pair_in_a_field_is_refused_as_that_field(string method, string payload, string field)
    {
        var id = await fixture.CreateSessionAsync();
        var user = Guid.NewGuid().ToString();
        using var hub = await RawHubSocket.ConnectAsync(fixture.BaseAddress);
        if (method != HubMethods.JoinSession)
        {
            await hub.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{id}}","userId":"{{user}}","username":"Ada"}""");
            Assert.Equal(HubEvents.SessionJoined, (await hub.NextEventAsync()).GetProperty("target").GetString());
        }

        await hub.SendAsync(method, payload.Replace("SESSION", id, StringComparison.Ordinal).Replace("USER", user, StringComparison.Ordinal));

        var error = await hub.NextEventAsync();
        Assert.Equal(HubEvents.Error, error.GetProperty("target").GetString());
        var body = error.GetProperty("arguments")[0];
        Assert.Equal((ErrorCodes.InvalidPayload, field), (body.Str("code"), body.GetProperty("details").Str("field")));
        Assert.Equal(WebSocketState.Open, hub.Socket.State);
    }

    /// <summary>
    /// Half a surrogate pair in SignalR's own envelope (the method's name, the invocation id, a header, a
    /// property name) is no message at all: the framework closes that connection with its stated reason,
    /// as it does for an oversize frame, logs nothing at error, and the next connection is served.
    /// </summary>
    [Theory]
    [InlineData("""{"type":1,"invocationId":"1","target":"join-session\ud800","arguments":[{}]}""")]
    [InlineData("""{"type":1,"invocationId":"\ud800","target":"join-session","arguments":[{}]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"join-session","headers":{"a":"\ud800"},"arguments":[{}]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"join-session","\ud800":1,"arguments":[{}]}""")]
    [InlineData("""{"type":5,"invocationId":"\ud800"}""")]
    [InlineData("""{"type":9223372036854775808}""")]
    [InlineData("""{"type":1e309}""")]
    public async Task A_broken_envelope_closes_only_its_connection_with_a_reason(string frame)
    {
        var mark = fixture.Log.Mark();
        using var hub = await RawHubSocket.ConnectAsync(fixture.BaseAddress);

        await hub.SendFrameAsync(frame);

        var close = await hub.NextMessageAsync();
        Assert.Equal(7, close.GetProperty("type").GetInt32());
        Assert.StartsWith("Connection closed with an error.", close.Str("error"), StringComparison.Ordinal);
        using var next = await RawHubSocket.ConnectAsync(fixture.BaseAddress);
        await next.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{await fixture.CreateSessionAsync()}}","userId":"{{Guid.NewGuid()}}"}""");
        Assert.Equal(HubEvents.SessionJoined, (await next.NextEventAsync()).GetProperty("target").GetString());
        LogAssert.Short(fixture.Log.Since(mark));
    }

    [Fact]
    public async Task Half_a_surrogate_pair_as_the_language_of_a_new_session_is_a_400()
    {
        var response = await fixture.Http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"\ud83d"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid language", (await Json.ReadAsync(response)).Str("error"));
    }
}
