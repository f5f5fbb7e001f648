using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using Interview.Gateway.Hubs;
using Interview.Gateway.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// The Socket.IO door's connections on this gateway (<see cref="ISessionDoor"/>): its Engine.IO sockets
/// by their secret id, its connections by the id the sessions know them by, and their session groups.
/// Payloads are written with the hub's own JSON settings, so an event reads the same at either door;
/// a group's event is written once, whoever receives it.
/// </summary>
public sealed class SocketIoDoor(IOptions<JsonHubProtocolOptions> hubJson, IOptions<SocketIoOptions> options, OpenHubConnections open) : ISessionDoor
{
    /// <summary>Connection ids of this door start so; SignalR's are 22 characters of base64url, never this.</summary>
    public const string ConnectionIdPrefix = "socketio-";

    private readonly ConcurrentDictionary<string, EngineSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SocketIoConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SocketIoConnection>> _groups = new(StringComparer.Ordinal);
    private readonly Lock _membership = new();

    public JsonSerializerOptions Json => hubJson.Value.PayloadSerializerOptions;

    public SocketIoOptions Options => options.Value;

    public EngineSocket? SocketOf(string id) => _sockets.GetValueOrDefault(id);

    /// <summary>A new Engine.IO socket with its Socket.IO connection on top, its heartbeat running; null if the address has its connections open.</summary>
    public EngineSocket? Open(string address, EngineTransport transport, SpecEvents events)
    {
        if (!open.TryOpen(address))
        {
            return null;
        }

        var socket = new EngineSocket(NewId(), address, transport, options.Value, Closed);
        var connection = new SocketIoConnection(ConnectionIdPrefix + NewId(), socket, events, this);
        socket.Receiver = connection;
        _sockets[socket.Id] = socket;
        _connections[connection.Id] = connection;
        _ = socket.HeartbeatAsync();
        _ = EndUnlessConnectedAsync(socket, connection);
        return socket;
    }

    /// <summary>Ends every socket when the gateway stops, without DISCONNECT: its clients reconnect, to another gateway if there is one.</summary>
    public void EndAll()
    {
        foreach (var socket in _sockets.Values)
        {
            socket.CloseAfterSending("the server is shutting down", WebSocketCloseStatus.EndpointUnavailable);
        }
    }

    // As socket.io's server does (connectTimeout): a socket that answers pings but never connects to a namespace holds a place for nothing.
    private async Task EndUnlessConnectedAsync(EngineSocket socket, SocketIoConnection connection)
    {
        try
        {
            await Task.Delay(options.Value.PingInterval + options.Value.PingTimeout, socket.Closed);
            if (!connection.IsConnected)
            {
                socket.End("no CONNECT within the connect timeout", WebSocketCloseStatus.PolicyViolation);
            }
        }
        catch (OperationCanceledException)
        {
            // ended before
        }
    }

    public Task AddToGroupAsync(string connectionId, string group)
    {
        // Under _membership with Closed's removal: a connection closing meanwhile is either not found here or taken out of the group there.
        lock (_membership)
        {
            if (_connections.TryGetValue(connectionId, out var connection))
            {
                _groups.GetOrAdd(group, _ => new(StringComparer.Ordinal))[connectionId] = connection;
                connection.Groups.Add(group);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveFromGroupAsync(string connectionId, string group)
    {
        lock (_membership)
        {
            Leave(connectionId, group);
        }

        return Task.CompletedTask;
    }

    public Task SendToGroupAsync(string group, string name, object payload, string? exceptConnectionId = null)
    {
        if (_groups.TryGetValue(group, out var members))
        {
            string? packet = null;
            foreach (var (id, connection) in members)
            {
                if (id != exceptConnectionId)
                {
                    connection.Send(packet ??= SocketIoPacket.Event(name, payload, Json));
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task SendToAsync(IReadOnlyList<string> connectionIds, string name, object payload)
    {
        string? packet = null;
        foreach (var id in connectionIds)
        {
            if (_connections.TryGetValue(id, out var connection))
            {
                connection.Send(packet ??= SocketIoPacket.Event(name, payload, Json));
            }
        }

        return Task.CompletedTask;
    }

    private void Closed(EngineSocket socket)
    {
        _sockets.TryRemove(socket.Id, out _);
        open.Close(socket.Address);
        if (socket.Receiver is SocketIoConnection connection)
        {
            lock (_membership)
            {
                _connections.TryRemove(connection.Id, out _);
                foreach (var group in connection.Groups.ToList())
                {
                    Leave(connection.Id, group);
                }
            }
        }
    }

    // Under _membership: a group emptied is dropped, and no add can slip into it meanwhile.
    private void Leave(string connectionId, string group)
    {
        if (_groups.TryGetValue(group, out var members) && members.TryRemove(connectionId, out var connection))
        {
            connection.Groups.Remove(group);
            if (members.IsEmpty)
            {
                _groups.TryRemove(group, out _);
            }
        }
    }

    private static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));
}
