using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// Engine.IO over a WebSocket: one packet a frame (text, or binary for a binary packet). Opened directly
/// (the open packet is its first frame) or as an upgrade of a polling socket: the client probes
/// ("2probe", answered "3probe"), the poll in flight is let go, and "5" hands everything over.
/// </summary>
public static class WebSocketTransport
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs a socket opened on this WebSocket until it ends.</summary>
    public static async Task RunAsync(EngineSocket socket, WebSocket webSocket, string openPacket, long maxPayload)
    {
        await SendAsync(webSocket, openPacket, CancellationToken.None);
        await CarryAsync(socket, webSocket, maxPayload);
    }

    /// <summary>Upgrades a polling socket to this WebSocket; if the client does not complete the upgrade, the WebSocket closes and polling goes on.</summary>
    public static async Task UpgradeAsync(EngineSocket socket, WebSocket webSocket, long maxPayload)
    {
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(socket.Closed);
        probing.CancelAfter(TimeSpan.FromSeconds(10));
        var (began, upgraded) = (false, false);
        try
        {
            var probe = await ReceiveTextAsync(webSocket, maxPayload, probing.Token);
            if (probe != EnginePackets.PingProbe)
            {
                await CloseAsync(webSocket, WebSocketCloseStatus.ProtocolError, "an upgrade begins with the 2probe packet");
                return;
            }

            began = socket.BeginUpgrade(); // before the answer: a client that has its 3probe pauses its polling
            if (!began)
            {
                await CloseAsync(webSocket, WebSocketCloseStatus.PolicyViolation, "this connection is not polling");
                return;
            }

            await SendAsync(webSocket, EnginePackets.PongProbe, probing.Token);

            upgraded = await ReceiveTextAsync(webSocket, maxPayload, probing.Token) == EnginePackets.Upgrade.ToString();
            if (!upgraded)
            {
                socket.CompleteUpgrade(upgraded: false); // polling again before the client hears of it
                await CloseAsync(webSocket, WebSocketCloseStatus.ProtocolError, "the upgrade packet (5) follows the probe");
                return;
            }
        }
        catch (TooLargeException)
        {
            if (began)
            {
                socket.CompleteUpgrade(upgraded: false);
            }

            await CloseAsync(webSocket, WebSocketCloseStatus.MessageTooBig, $"a message over {maxPayload} bytes");
            return;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or DecoderFallbackException)
        {
            webSocket.Abort();
            return;
        }
        finally
        {
            if (began)
            {
                socket.CompleteUpgrade(upgraded); // an upgrade that did not happen leaves the socket polling
            }
        }

        await CarryAsync(socket, webSocket, maxPayload);
    }

    /// <summary>
    /// Reads packets up to the socket and writes its queue out until either end closes. The reader is not
    /// cancelled by the socket's end (that would abort the WebSocket): the writer sends the close frame with
    /// the reason first, and lets the reader go after a grace for the client's answer.
    /// </summary>
    private static async Task CarryAsync(EngineSocket socket, WebSocket webSocket, long maxPayload)
    {
        using var reading = new CancellationTokenSource();
        var writing = WriteAsync(socket, webSocket, reading);
        try
        {
            while (true)
            {
                var (text, binary) = await ReceiveAsync(webSocket, maxPayload, reading.Token);
                if (text is not null)
                {
                    await socket.ReceiveAsync(text);
                }
                else if (binary)
                {
                    await socket.ReceiveBinaryAsync();
                }
                else
                {
                    socket.End("the client closed the WebSocket");
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the socket ended and the client did not answer its close frame in time (or a handler gave up)
            socket.End("the WebSocket was given up");
        }
        catch (TooLargeException)
        {
            socket.End($"a message over {maxPayload} bytes", WebSocketCloseStatus.MessageTooBig);
        }
        catch (DecoderFallbackException)
        {
            socket.End("a text frame that is not UTF-8", WebSocketCloseStatus.InvalidPayloadData);
        }
        catch (WebSocketException)
        {
            socket.End("the WebSocket broke");
        }

        await writing;
    }

    private static async Task WriteAsync(EngineSocket socket, WebSocket webSocket, CancellationTokenSource reading)
    {
        // What is queued still goes out after the socket ended (its last error, its close frame), for at most
        // CloseGrace: a client that stopped reading cannot hold a send, and its connection, open after that.
        using var giveUp = new CancellationTokenSource();
        using var ended = socket.Closed.Register(() => giveUp.CancelAfter(CloseGrace));
        try
        {
            while (await socket.WaitToSendAsync(CancellationToken.None))
            {
                while (socket.TryTake(out var packet))
                {
                    await SendAsync(webSocket, packet, giveUp.Token);
                }
            }

            // The queue closed (a close after sending, or the end): the client hears why.
            await CloseAsync(webSocket, socket.CloseStatus, socket.CloseReason ?? "closed");
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            webSocket.Abort();
        }
        finally
        {
            socket.End(socket.CloseReason ?? "the WebSocket broke");
            reading.CancelAfter(CloseGrace);
        }
    }

    private static async Task CloseAsync(WebSocket webSocket, WebSocketCloseStatus status, string reason)
    {
        if (webSocket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await webSocket.CloseOutputAsync(status, CloseReasonOf(reason), grace.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            webSocket.Abort();
        }
    }

    /// <summary>A close frame's reason is at most 123 bytes of UTF-8: cut at a character, never inside one.</summary>
    private static string CloseReasonOf(string reason)
    {
        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 123)
        {
            length--;
            if (length > 0 && char.IsLowSurrogate(reason[length]))
            {
                length--;
            }
        }

        return reason[..length];
    }

    private static Task SendAsync(WebSocket webSocket, string packet, CancellationToken cancellation) =>
        webSocket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, endOfMessage: true, cancellation);

    private static async Task<string?> ReceiveTextAsync(WebSocket webSocket, long maxPayload, CancellationToken cancellation) =>
        (await ReceiveAsync(webSocket, maxPayload, cancellation)).Text;

    /// <summary>One whole message: its text, or binary (its bytes dropped), or neither when the client closed.</summary>
    private static async Task<(string? Text, bool Binary)> ReceiveAsync(WebSocket webSocket, long maxPayload, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await webSocket.ReceiveAsync(buffer.AsMemory(length), cancellation);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (null, false);
                }

                length += result.Count;
                if (length > maxPayload)
                {
                    throw new TooLargeException();
                }

                if (result.EndOfMessage)
                {
                    return result.MessageType == WebSocketMessageType.Text ? (StrictUtf8.GetString(buffer, 0, length), false) : (null, true);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class TooLargeException : Exception;
}
