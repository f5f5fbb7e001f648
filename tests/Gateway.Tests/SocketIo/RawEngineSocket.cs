using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// A bare Engine.IO WebSocket to the gateway's /socket.io/, for frames no Socket.IO client would send:
/// it reads the open packet, answers pings, and hands back every other frame as it came.
/// </summary>
public sealed class RawEngineSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public JsonElement Handshake { get; private set; }

    /// <summary>The close frame the server sent, once it has closed.</summary>
    public (WebSocketCloseStatus? Status, string? Reason) Closed => (_socket.CloseStatus, _socket.CloseStatusDescription);

    public static async Task<RawEngineSocket> OpenAsync(Uri gateway, string? origin = null, string query = "EIO=4&transport=websocket")
    {
        var raw = new RawEngineSocket();
        if (origin is not null)
        {
            raw._socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(gateway) { Scheme = gateway.Scheme == "https" ? "wss" : "ws", Path = "/socket.io/", Query = query }.Uri;
        await raw._socket.ConnectAsync(uri, CancellationToken.None);
        var open = await raw.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("the server closed before its open packet");
        Assert.StartsWith("0{", open);
        raw.Handshake = JsonDocument.Parse(open[1..]).RootElement.Clone();
        return raw;
    }

    /// <summary>Opens and connects to the default namespace: the connection's id from the server's CONNECT.</summary>
    public static async Task<RawEngineSocket> ConnectAsync(Uri gateway)
    {
        var raw = await OpenAsync(gateway);
        await raw.SendAsync("40");
        var connected = await raw.ReceiveAsync();
        Assert.StartsWith("40{\"sid\":", connected);
        return raw;
    }

    public Task SendAsync(string frame) => _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBytesAsync(byte[] frame, WebSocketMessageType type = WebSocketMessageType.Text) => _socket.SendAsync(frame, type, true, CancellationToken.None);

    /// <summary>Emits an event as a client would: <c>42["name",payload]</c>.</summary>
    public Task EmitAsync(string name, object payload) => SendAsync("42" + JsonSerializer.Serialize(new[] { name, payload }));

    /// <summary>The next frame that is not a ping (pings are answered), or null once the server has closed; at most 15 s.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[1 << 20];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            var frame = Encoding.UTF8.GetString(buffer, 0, length);
            if (frame == "2")
            {
                await SendAsync("3");
                continue;
            }

            return frame;
        }
    }

    /// <summary>The next event's name and payload, skipping other packets; fails if the server closes first.</summary>
    public async Task<(string Name, JsonElement Payload)> NextEventAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync() ?? throw new Xunit.Sdk.XunitException($"the server closed: {Closed}");
            if (frame.StartsWith("42[", StringComparison.Ordinal))
            {
                var items = JsonDocument.Parse(frame[2..]).RootElement;
                return (items[0].GetString()!, items[1].Clone());
            }
        }
    }

    /// <summary>The next event of that name, skipping the others.</summary>
    public async Task<JsonElement> EventAsync(string name)
    {
        while (true)
        {
            var (received, payload) = await NextEventAsync();
            if (received == name)
            {
                return payload;
            }
        }
    }

    /// <summary>Frames until the server closes (at most 15 s): what it sent last.</summary>
    public async Task<List<string>> UntilClosedAsync()
    {
        var frames = new List<string>();
        while (await ReceiveAsync() is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // the server went first
            }
        }

        _socket.Dispose();
    }
}
