using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// Engine.IO's HTTP long-polling: a GET waits until something is to be sent and answers it all in one body;
/// a POST carries the client's packets, handled in order before it is answered "ok". One of each at a time.
/// </summary>
public static class PollingTransport
{
    /// <summary>The most a poll's answer gathers (one packet may be longer): the client reads it whole.</summary>
    private const int MaxBatchChars = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<IResult> PollAsync(EngineSocket socket, HttpContext context)
    {
        var poll = socket.BeginPoll(context.RequestAborted, out var refusal);
        if (poll is null)
        {
            return EngineErrors.BadRequest(refusal!);
        }

        try
        {
            if (socket.Transport == EngineTransport.Polling)
            {
                try
                {
                    await socket.WaitToSendAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // let go by an upgrade: answered below, with what waits or a noop
                }
            }

            var body = socket.TakeBatch(MaxBatchChars);
            if (socket.IsDrained)
            {
                // The socket is closing and this was the last of it: the client learns so from a close packet.
                body = body.Length == 0 ? EnginePackets.Close.ToString() : body + EnginePackets.Separator + EnginePackets.Close;
                socket.End(socket.CloseReason ?? "closed");
            }

            return Results.Text(body.Length == 0 ? EnginePackets.Noop.ToString() : body, "text/plain; charset=UTF-8");
        }
        catch (OperationCanceledException)
        {
            return Results.Empty; // the client went away mid-poll; the heartbeat ends the socket if it does not come back
        }
        finally
        {
            socket.EndPoll(poll);
        }
    }

    public static async Task<IResult> PostAsync(EngineSocket socket, HttpContext context, long maxPayload)
    {
        if (!socket.BeginPost(out var refusal))
        {
            return EngineErrors.BadRequest(refusal!);
        }

        try
        {
            var body = await ReadBodyAsync(context, maxPayload);
            if (body is null)
            {
                socket.End($"a body over {maxPayload} bytes", WebSocketCloseStatus.MessageTooBig);
                return EngineErrors.TooLarge(maxPayload);
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(body);
            }
            catch (DecoderFallbackException)
            {
                socket.End("a body that is not UTF-8", WebSocketCloseStatus.InvalidPayloadData);
                return EngineErrors.BadRequest("the body is not UTF-8");
            }

            foreach (var packet in text.Split(EnginePackets.Separator))
            {
                if (socket.IsClosing)
                {
                    break;
                }

                if (packet.Length > 0 && packet[0] == EnginePackets.Base64)
                {
                    await socket.ReceiveBinaryAsync();
                }
                else
                {
                    await socket.ReceiveAsync(packet);
                }
            }

            return socket.Closed.IsCancellationRequested && socket.CloseStatus != WebSocketCloseStatus.NormalClosure
                ? EngineErrors.BadRequest(socket.CloseReason!)
                : Results.Text("ok", "text/html");
        }
        finally
        {
            socket.EndPost();
        }
    }

    /// <summary>The body, or null past <paramref name="maxPayload"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long maxPayload)
    {
        if (context.Request.ContentLength > maxPayload)
        {
            return null;
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > maxPayload)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
