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
    private const char RecordSeparator = '\u001e';

    [Theory]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"\ud83d"}""", "userId")]
    [InlineData("join-session", """{"sessionId":"SESSION","userId":"USER","username":"Ada\ud83d"}""", "username")]
    [InlineData("join-session", """{"sessionId":"\ud83d","userId":"USER"}""", "sessionId")]
    [InlineData("code-change", """{"sessionId":"SESSION","userId":"USER","code":"x\ud83d","language":"javascript"}""", "code")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":true,"output":"\udc00","executionTime":1}""", "output")]
    [InlineData("execution-result", """{"sessionId":"SESSION","language":"javascript","success":true,"output":"","executionTime":1,"logs":["ok","\ud83d"]}""", "logs")]
    public async Task Half_a_surrogate_pair_in_a_field_is_refused_as_that_field(string method, string payload, string field)
    {
        var id = await fixture.CreateSessionAsync();
        var user = Guid.NewGuid().ToString();
        using var socket = await ConnectAsync();
        if (method != HubMethods.JoinSession)
        {
            await SendAsync(socket, HubMethods.JoinSession, $$"""{"sessionId":"{{id}}","userId":"{{user}}","username":"Ada"}""");
            Assert.Equal(HubEvents.SessionJoined, (await NextEventAsync(socket)).GetProperty("target").GetString());
        }

        await SendAsync(socket, method, payload.Replace("SESSION", id, StringComparison.Ordinal).Replace("USER", user, StringComparison.Ordinal));

        var error = await NextEventAsync(socket);
        Assert.Equal(HubEvents.Error, error.GetProperty("target").GetString());
        var body = error.GetProperty("arguments")[0];
        Assert.Equal((ErrorCodes.InvalidPayload, field), (body.Str("code"), body.GetProperty("details").Str("field")));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Half_a_surrogate_pair_as_the_language_of_a_new_session_is_a_400()
    {
        var response = await fixture.Http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"\ud83d"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid language", (await Json.ReadAsync(response)).Str("error"));
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{fixture.BaseAddress.Authority}/hub"), CancellationToken.None);
        await SendFrameAsync(socket, """{"protocol":"json","version":1}""");
        var handshake = await ReceiveFramesAsync(socket);
        Assert.Equal("{}", handshake[0]);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string method, string payload) =>
        SendFrameAsync(socket, $$"""{"type":1,"target":"{{method}}","arguments":[{{payload}}]}""");

    private static Task SendFrameAsync(ClientWebSocket socket, string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next invocation the server sends (pings skipped).</summary>
    private static async Task<JsonElement> NextEventAsync(ClientWebSocket socket)
    {
        while (true)
        {
            foreach (var frame in await ReceiveFramesAsync(socket))
            {
                var message = JsonDocument.Parse(frame).RootElement;
                if (message.GetProperty("type").GetInt32() == 1)
                {
                    return message;
                }
            }
        }
    }

    private static async Task<string[]> ReceiveFramesAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }
}
