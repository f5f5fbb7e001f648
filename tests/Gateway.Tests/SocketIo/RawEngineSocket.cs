using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// A bare Engine.IO WebSocket to the gateway's /socket.io/, for frames no Socket.IO client would send:
/// it reads the open packet, answers pings, and hands back every other frame as it came.
/// </summary>
public sealed class RawEngineSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _pings;

    public JsonElement Handshake { get; private set; }

    /// <summary>How many pings the server has sent (each answered with a pong at once, unless <see cref="AnswerPings"/> is off).</summary>
    public int Pings => Volatile.Read(ref _pings);

    public bool AnswerPings { get; set; } = true;

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
        _ = raw.PumpAsync();
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

    public Task SendAsync(string frame) => SendBytesAsync(Encoding.UTF8.GetBytes(frame));

    /// <summary>One frame; the pump's pongs and the test's frames take turns (a WebSocket sends one at a time).</summary>
    public async Task SendBytesAsync(byte[] frame, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, type, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Emits an event as a client would: <c>42["name",payload]</c>.</summary>
    public Task EmitAsync(string name, object payload) => SendAsync("42" + JsonSerializer.Serialize(new[] { name, payload }));

    /// <summary>The next frame that is not a ping, or null once the server has closed; at most 15 s.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _frames.Reader.WaitToReadAsync(timeout.Token) && _frames.Reader.TryRead(out var frame) ? frame : null;
    }

    // Reads all the time, as a client does: pings are answered (unless AnswerPings is off) even while
    // the test reads nothing; every other frame waits in _frames.
    private async Task PumpAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                var frame = Encoding.UTF8.GetString(buffer, 0, length);
                if (frame == "2")
                {
                    Interlocked.Increment(ref _pings);
                    if (AnswerPings)
                    {
                        await SendAsync("3");
                    }

                    continue;
                }

                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the socket broke or was disposed: as closed
        }
        finally
        {
            _frames.Writer.TryComplete();
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
