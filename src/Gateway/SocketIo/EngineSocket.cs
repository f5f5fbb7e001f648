using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// One Engine.IO v4 connection, whichever transport carries it: what waits to be sent (one queue, taken
/// by the poll in flight or by the WebSocket's writer, never both), the heartbeat (a ping every
/// PingInterval, closed when its pong is PingTimeout late) and the end. Its packets go up, one at a time
/// and in order, to <see cref="Receiver"/>. Its id is the client's secret for its polling requests.
/// </summary>
public sealed class EngineSocket
{
    private readonly Channel<string> _outbound = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _closed = new();
    private readonly SemaphoreSlim _pong = new(0);
    private readonly Lock _gate = new();
    private readonly SocketIoOptions _options;
    private readonly Action<EngineSocket> _onClosed;
    private CancellationTokenSource? _poll;
    private bool _posting;
    private long _queuedChars;
    private int _pongDue;
    private int _ended;

    private const string CarriedByWebSocket = "this connection is carried by a WebSocket";

    public EngineSocket(string id, string address, EngineTransport transport, SocketIoOptions options, Action<EngineSocket> onClosed)
    {
        Id = id;
        Address = address;
        Transport = transport;
        _options = options;
        _onClosed = onClosed;
    }

    public string Id { get; }

    /// <summary>The client's address as MAX_CONNECTIONS_PER_IP counts it.</summary>
    public string Address { get; }

    public EngineTransport Transport { get; private set; }

    public IEngineReceiver Receiver { get; set; } = null!;

    /// <summary>Cancelled once the socket has ended, its reason in <see cref="CloseReason"/>.</summary>
    public CancellationToken Closed => _closed.Token;

    public string? CloseReason { get; private set; }

    /// <summary>How a WebSocket carrying it closes: normally, or saying what the client did wrong.</summary>
    public WebSocketCloseStatus CloseStatus { get; private set; } = WebSocketCloseStatus.NormalClosure;

    /// <summary>Queues a packet; a client that lets too much wait unread is closed instead.</summary>
    public void Send(string packet)
    {
        if (Interlocked.Add(ref _queuedChars, packet.Length) > _options.MaxQueuedChars)
        {
            End("the client does not read what is sent to it", WebSocketCloseStatus.PolicyViolation);
            return;
        }

        if (!_outbound.Writer.TryWrite(packet))
        {
            Interlocked.Add(ref _queuedChars, -packet.Length);
        }
    }

    /// <summary>Ends the socket once what is queued has gone out (at most PingTimeout later): a last error event is read before the close.</summary>
    public void CloseAfterSending(string reason, WebSocketCloseStatus status)
    {
        lock (_gate)
        {
            if (CloseReason is not null)
            {
                return;
            }

            CloseReason = reason;
            CloseStatus = status;
        }

        _outbound.Writer.TryComplete();
        _ = Task.Delay(_options.PingTimeout, Closed).ContinueWith(_ => End(reason, status), TaskScheduler.Default);
    }

    /// <summary>Ends the socket now: nothing more is sent or read.</summary>
    public void End(string reason, WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        lock (_gate)
        {
            CloseReason ??= reason;
            if (CloseStatus == WebSocketCloseStatus.NormalClosure)
            {
                CloseStatus = status;
            }
        }

        _outbound.Writer.TryComplete();
        _closed.Cancel();
        _onClosed(this);
        Receiver.OnClosed();
    }

    /// <summary>Whether the socket is ending: from then on nothing it is sent is handled (a flood closed after its last event costs no more).</summary>
    public bool IsClosing => CloseReason is not null || Volatile.Read(ref _ended) == 1;

    /// <summary>A text packet from the client, polling's or the WebSocket's.</summary>
    public ValueTask ReceiveAsync(string packet)
    {
        if (IsClosing)
        {
            return ValueTask.CompletedTask;
        }

        switch (packet.Length == 0 ? '\0' : packet[0])
        {
            case EnginePackets.Message:
                return Receiver.OnMessageAsync(packet[1..]);
            case EnginePackets.Pong:
                if (Interlocked.Exchange(ref _pongDue, 0) == 1)
                {
                    _pong.Release();
                }

                break;
            case EnginePackets.Ping:
                break; // Engine.IO 4 clients do not ping (the probe is the upgrade's); echoing one would send its data back for free
            case EnginePackets.Close:
                End("the client closed the connection");
                break;
            case EnginePackets.Noop:
                break;
            default:
                End(packet.Length == 0 ? "an empty Engine.IO packet" : $"not an Engine.IO packet (type '{Printable(packet[0])}')", WebSocketCloseStatus.ProtocolError);
                break;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReceiveBinaryAsync() => IsClosing ? ValueTask.CompletedTask : Receiver.OnBinaryAsync();

    /// <summary>Pings every PingInterval until the socket ends; a pong later than PingTimeout ends it.</summary>
    public async Task HeartbeatAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.PingInterval, Closed);
                Interlocked.Exchange(ref _pongDue, 1);
                Send(EnginePackets.Ping.ToString());
                var answered = await _pong.WaitAsync(_options.PingTimeout, Closed);
                while (!answered && Receiver.IsBusy)
                {
                    // The pong is read after the message being handled (a session call retried through a failover, at
                    // most ClusterCalls' patience): the client is not gone for that.
                    answered = await _pong.WaitAsync(_options.PingTimeout, Closed);
                }

                if (!answered)
                {
                    End($"no pong within {_options.PingTimeout.TotalSeconds:0.#} s of a ping");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // ended
        }
    }

    /// <summary>Waits until something can be sent, the queue closes, or <paramref name="cancellation"/> (an upgrade, the request's end).</summary>
    public ValueTask<bool> WaitToSendAsync(CancellationToken cancellation) => _outbound.Reader.WaitToReadAsync(cancellation);

    /// <summary>Whether the queue is closed and everything in it has gone out.</summary>
    public bool IsDrained => _outbound.Reader.Completion.IsCompleted;

    /// <summary>The next packet to send, if any.</summary>
    public bool TryTake(out string packet)
    {
        if (_outbound.Reader.TryRead(out packet!))
        {
            Interlocked.Add(ref _queuedChars, -packet.Length);
            return true;
        }

        return false;
    }

    /// <summary>What waits, as one polling body of about <paramref name="maxChars"/> at most (always one packet, however long); empty if nothing waits.</summary>
    public string TakeBatch(int maxChars)
    {
        if (!TryTake(out var first))
        {
            return string.Empty;
        }

        if (!_outbound.Reader.TryPeek(out var next) || first.Length + 1 + next.Length > maxChars)
        {
            return first;
        }

        var body = new StringBuilder(first);
        while (_outbound.Reader.TryPeek(out next) && body.Length + 1 + next.Length <= maxChars && TryTake(out next))
        {
            body.Append(EnginePackets.Separator).Append(next);
        }

        return body.ToString();
    }

    /// <summary>A poll begins: null (with the reason) if the socket is carried by a WebSocket, or if another poll is in flight (which ends the socket, as Engine.IO's server does).</summary>
    public CancellationTokenSource? BeginPoll(CancellationToken requestAborted, out string? refusal)
    {
        bool overlap;
        lock (_gate)
        {
            overlap = _poll is not null && Transport != EngineTransport.WebSocket;
            refusal = Transport == EngineTransport.WebSocket ? CarriedByWebSocket : overlap ? "two polls at once" : null;
            if (refusal is null)
            {
                _poll = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
                return _poll;
            }
        }

        if (overlap)
        {
            End(refusal, WebSocketCloseStatus.ProtocolError); // outside the lock: ending lets the other poll go
        }

        return null;
    }

    public void EndPoll(CancellationTokenSource poll)
    {
        lock (_gate)
        {
            if (_poll == poll)
            {
                _poll = null;
            }
        }

        poll.Dispose();
    }

    /// <summary>A POST begins: false (with the reason) if the socket is carried by a WebSocket, or another POST is in flight (which ends the socket).</summary>
    public bool BeginPost(out string? refusal)
    {
        var overlap = false;
        lock (_gate)
        {
            overlap = _posting && Transport != EngineTransport.WebSocket;
            refusal = Transport == EngineTransport.WebSocket ? CarriedByWebSocket : _posting ? "two posts at once" : null;
            _posting = refusal is null;
        }

        if (overlap)
        {
            End(refusal!, WebSocketCloseStatus.ProtocolError);
        }

        return refusal is null;
    }

    public void EndPost()
    {
        lock (_gate)
        {
            _posting = false;
        }
    }

    /// <summary>A WebSocket has answered the probe: the poll in flight is let go (with a noop) and polls answer at once until the upgrade is done.</summary>
    public bool BeginUpgrade()
    {
        lock (_gate)
        {
            if (Transport != EngineTransport.Polling)
            {
                return false;
            }

            Transport = EngineTransport.Upgrading;
            _poll?.Cancel();
            return true;
        }
    }

    /// <summary>The client sent the upgrade packet: from now on the WebSocket carries everything.</summary>
    public void CompleteUpgrade(bool upgraded)
    {
        lock (_gate)
        {
            if (Transport == EngineTransport.Upgrading)
            {
                Transport = upgraded ? EngineTransport.WebSocket : EngineTransport.Polling;
            }
        }
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();
}
