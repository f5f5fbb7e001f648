using System.Collections.Concurrent;
using System.Text.Json;
using SocketIOClient;
using SocketIOClient.Transport;

namespace Interview.Tests.Common;

/// <summary>
/// A participant at the gateway's Socket.IO door, through the .NET Socket.IO client (SocketIOClient): it
/// speaks SPEC.md's events only and records every event it is sent, in order, as JSON.
/// </summary>
public sealed class SocketIoPeer : IAsyncDisposable
{
    private static readonly string[] Events =
        ["session-joined", "code-update", "language-update", "user-joined", "user-left", "error", "session-expiring", "execution-result", "input-update"];

    private readonly SocketIOClient.SocketIO _client;
    private int _disposed;

    private SocketIoPeer(Uri gateway, TransportProtocol transport) =>
        _client = new SocketIOClient.SocketIO(gateway, new SocketIOOptions { EIO = 4, Transport = transport, Reconnection = false, AutoUpgrade = false });

    public string UserId { get; } = $"peer-{Guid.NewGuid():N}"[..20];

    public ConcurrentQueue<(string Event, JsonElement Payload)> Received { get; } = new();

    public static async Task<SocketIoPeer> ConnectAsync(Uri gateway, TransportProtocol transport = TransportProtocol.WebSocket)
    {
        var peer = new SocketIoPeer(gateway, transport);
        foreach (var name in Events)
        {
            peer._client.On(name, response =>
            {
                using var items = JsonDocument.Parse(response.ToString());
                peer.Received.Enqueue((name, items.RootElement[0].Clone()));
            });
        }

        // ConnectAsync returns once the transport is open, before the namespace's CONNECT is answered; an
        // event emitted in between is lost by this client, so a peer is ready once OnConnected has fired.
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        peer._client.OnConnected += (_, _) => connected.TrySetResult();
        await peer._client.ConnectAsync();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return peer;
    }

    public Task EmitAsync(string name, object payload) => _client.EmitAsync(name, payload);

    public Task JoinAsync(string sessionId, string username) => EmitAsync("join-session", new { sessionId, userId = UserId, username });

    public Task ChangeCodeAsync(string sessionId, string code) => EmitAsync("code-change", new { sessionId, code, userId = UserId });

    public IEnumerable<JsonElement> All(string name) => Received.Where(r => r.Event == name).Select(r => r.Payload);

    /// <summary>The first event of that name the predicate holds for, waiting up to 15 s for it.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? holds = null)
    {
        JsonElement? found = null;
        try
        {
            await Eventually.HoldsAsync(
                () => (found = All(name).Where(payload => holds?.Invoke(payload) ?? true).Select(payload => (JsonElement?)payload).FirstOrDefault()) is not null,
                $"a {name} event reaches the Socket.IO peer");
        }
        catch (TimeoutException timeout)
        {
            var received = string.Join(", ", Received.Select(r => r.Event == "error" ? $"error {r.Payload}" : r.Event));
            throw new TimeoutException($"{timeout.Message}; it received: {(received.Length == 0 ? "nothing" : received)}", timeout);
        }

        return found!.Value;
    }

    /// <summary>Leaves as a client closing its tab does: DISCONNECT, then the transport closes. Once; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _client.DisconnectAsync();
        try
        {
            _client.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // SocketIOClient 3.0.6 disposes its own token source in DisconnectAsync, then cancels it in Dispose.
        }
    }
}
