using System.Net.WebSockets;
using Interview.Gateway.Hubs;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// One Socket.IO connection to the default namespace, on its Engine.IO socket: CONNECT answered with the
/// connection's id, events handed to <see cref="SpecEvents"/> one at a time, DISCONNECT leaving the
/// session. Another namespace is refused with CONNECT_ERROR; a binary packet is refused and its
/// attachments dropped; anything else malformed after CONNECT is an INVALID_PAYLOAD error event, before it
/// a reason to close. Every message after CONNECT spends the connection's budget, malformed ones too.
/// </summary>
public sealed class SocketIoConnection(string id, EngineSocket engine, SpecEvents events, SocketIoDoor door) : IEngineReceiver
{
    // Held while a message is handled: a socket that ends meanwhile leaves its session after it (a join
    // finishing after the leave would keep a connection that is gone in the session).
    private readonly SemaphoreSlim _handling = new(1, 1);
    private const int MaxRefusedConnects = 10;

    private bool _connected;
    private int _attachmentsToSkip;
    private int _refusedConnects;

    /// <summary>The id the sessions know this connection by (never the Engine.IO socket's, which is the client's secret).</summary>
    public string Id { get; } = id;

    public MessageBudgets.Budgets Budgets { get; } = events.BudgetsForConnection();

    /// <summary>The session groups it is in (guarded by the door).</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the default namespace is connected (socket.io's server closes a socket that never is: see SocketIoDoor).</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    /// <summary>Whether a message is being handled: a session call in flight (a failover's retries) is no sign the client is gone.</summary>
    public bool IsBusy => _handling.CurrentCount == 0;

    public void Send(string packet) => engine.Send(packet);

    public async ValueTask OnMessageAsync(string data)
    {
        await _handling.WaitAsync();
        try
        {
            if (!engine.IsClosing)
            {
                await HandleAsync(data); // not once the socket is ending: its leave may have run while this waited
            }
        }
        finally
        {
            _handling.Release();
        }
    }

    private async ValueTask HandleAsync(string data)
    {
        var parsed = SocketIoPacket.TryParse(data, out var packet, out var problem);
        if (!_connected)
        {
            if (parsed && packet.Type == SocketIoPacketType.Connect)
            {
                Connect(packet);
            }
            else
            {
                engine.End(parsed ? "a Socket.IO packet before CONNECT" : problem, WebSocketCloseStatus.ProtocolError);
            }

            return;
        }

        if (events.RefusalOfBudget(this) is { } spent)
        {
            events.Answer(this, parsed ? packet.AckId : null, spent);
            return;
        }

        if (!parsed)
        {
            events.Answer(this, null, SpecEvents.Malformed(problem));
            return;
        }

        if (packet.Namespace != SocketIoPacket.DefaultNamespace)
        {
            if (packet.Type == SocketIoPacketType.Connect)
            {
                Send(SocketIoPacket.ConnectError(packet.Namespace, "Invalid namespace", door.Json));
            }
            else
            {
                events.Answer(this, packet.AckId, SpecEvents.Malformed($"this server has only the default namespace \"/\", not \"{Cut(packet.Namespace)}\""));
            }

            return;
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Connect:
                Send(SocketIoPacket.Connected(Id, door.Json)); // connected already: answered again, nothing changes
                break;
            case SocketIoPacketType.Disconnect:
                _connected = false;
                await events.LeaveAsync(this);
                break;
            case SocketIoPacketType.Event:
                await events.HandleAsync(this, packet);
                break;
            case SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck:
                _attachmentsToSkip += packet.Attachments;
                events.Answer(this, packet.AckId, SpecEvents.Malformed("binary attachments are not taken here: send the payload as JSON"));
                break;
            case SocketIoPacketType.Ack:
                break; // this server never asks for an answer: one sent anyway changes nothing
            default:
                events.Answer(this, packet.AckId, SpecEvents.Malformed($"a client does not send packet type {(int)packet.Type}"));
                break;
        }
    }

    public ValueTask OnBinaryAsync()
    {
        if (_attachmentsToSkip > 0)
        {
            _attachmentsToSkip--;
        }
        else
        {
            engine.End("a binary message no binary packet announced", WebSocketCloseStatus.ProtocolError);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the connection once its last event (the reason) has gone out; the client does not reconnect on its own.</summary>
    public void CloseSaying(string reason)
    {
        Send(SocketIoPacket.Disconnect());
        engine.CloseAfterSending(reason, WebSocketCloseStatus.PolicyViolation);
    }

    public void OnClosed() => _ = LeaveAfterHandlingAsync();

    private async Task LeaveAfterHandlingAsync()
    {
        await _handling.WaitAsync();
        try
        {
            _connected = false;
            await events.LeaveAsync(this);
        }
        finally
        {
            _handling.Release();
        }
    }

    private void Connect(SocketIoPacket packet)
    {
        if (packet.Namespace != SocketIoPacket.DefaultNamespace)
        {
            // Before CONNECT nothing spends a budget: a socket that only asks for namespaces it cannot have is closed.
            if (++_refusedConnects > MaxRefusedConnects)
            {
                engine.End("only namespaces this server does not have", WebSocketCloseStatus.PolicyViolation);
                return;
            }

            Send(SocketIoPacket.ConnectError(packet.Namespace, "Invalid namespace", door.Json));
            return;
        }

        _connected = true;
        Send(SocketIoPacket.Connected(Id, door.Json));
    }

    private static string Cut(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
