using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Interview.Gateway.Tests;

/// <summary>
/// The hub over a plain WebSocket, frames written as text: what no .NET client would send (half of a
/// surrogate pair, numbers past any type), and an Origin header as a browser sends one.
/// </summary>
public sealed class RawHubSocket : IDisposable
{
    private const char RecordSeparator = '\u001e';

    private RawHubSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Connects and completes SignalR's JSON handshake.</summary>
    public static async Task<RawHubSocket> ConnectAsync(Uri baseAddress, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/hub"), CancellationToken.None);
        var hub = new RawHubSocket(socket);
        await hub.SendFrameAsync("""{"protocol":"json","version":1}""");
        Assert.Equal("{}", (await hub.ReceiveFramesAsync())[0]);
        return hub;
    }

    public Task SendAsync(string method, string payload) =>
        SendFrameAsync($$"""{"type":1,"target":"{{method}}","arguments":[{{payload}}]}""");

    public Task SendFrameAsync(string frame) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(frame + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next invocation the server sends (pings skipped).</summary>
    public async Task<JsonElement> NextEventAsync()
    {
        while (true)
        {
            foreach (var frame in await ReceiveFramesAsync())
            {
                var message = JsonDocument.Parse(frame).RootElement;
                if (message.GetProperty("type").GetInt32() == 1)
                {
                    return message;
                }
            }
        }
    }

    /// <summary>The next message of a type other than a ping (6): an invocation, a completion, a close (7).</summary>
    public async Task<JsonElement> NextMessageAsync()
    {
        while (true)
        {
            foreach (var frame in await ReceiveFramesAsync())
            {
                var message = JsonDocument.Parse(frame).RootElement;
                if (message.GetProperty("type").GetInt32() != 6)
                {
                    return message;
                }
            }
        }
    }

    public async Task<string[]> ReceiveFramesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => Socket.Dispose();
}
