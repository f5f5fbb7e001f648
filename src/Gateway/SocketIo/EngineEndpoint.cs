using Interview.Gateway.Hosting;
using Interview.Gateway.Hubs;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// /socket.io/: Engine.IO's HTTP side. Without a sid, a handshake (a polling GET answered with the open
/// packet, or a WebSocket opened with it); with one, that socket's poll, its POST, or its upgrade to a
/// WebSocket. Anything else is refused as Engine.IO's own server refuses it (<see cref="EngineErrors"/>).
/// The origin check, CORS and the per-address limits are the hub's (GatewayApp maps this endpoint with them).
/// </summary>
public static class EngineEndpoint
{
    public const string Path = "/socket.io";

    /// <summary>The largest message or polling body, in bytes, as the handshake advertises it: the hub's message limit.</summary>
    public const long MaxPayload = HubLimits.MaxMessageBytes;

    public static async Task<IResult> HandleAsync(HttpContext context, SocketIoDoor door, SpecEvents events)
    {
        var query = context.Request.Query;
        if (query["EIO"] != "4")
        {
            return EngineErrors.UnsupportedVersion();
        }

        var transport = query["transport"].ToString();
        if (transport is not ("polling" or "websocket"))
        {
            return EngineErrors.UnknownTransport();
        }

        var webSocket = transport == "websocket";
        if (webSocket && !context.WebSockets.IsWebSocketRequest)
        {
            return EngineErrors.BadRequest("transport=websocket is a WebSocket upgrade request");
        }

        var sid = query["sid"].ToString();
        if (sid.Length == 0)
        {
            return await HandshakeAsync(context, door, events, webSocket);
        }

        if (door.SocketOf(sid) is not { } socket)
        {
            return EngineErrors.UnknownSession();
        }

        if (webSocket)
        {
            if (socket.Transport != EngineTransport.Polling)
            {
                return EngineErrors.BadRequest("this connection is upgraded already");
            }

            await WebSocketTransport.UpgradeAsync(socket, await context.WebSockets.AcceptWebSocketAsync(), MaxPayload);
            return Results.Empty;
        }

        return HttpMethods.IsGet(context.Request.Method)
            ? await PollingTransport.PollAsync(socket, context)
            : await PollingTransport.PostAsync(socket, context, MaxPayload);
    }

    private static async Task<IResult> HandshakeAsync(HttpContext context, SocketIoDoor door, SpecEvents events, bool webSocket)
    {
        if (!webSocket && !HttpMethods.IsGet(context.Request.Method))
        {
            return EngineErrors.BadHandshakeMethod();
        }

        var socket = door.Open(ClientAddress.Of(context), webSocket ? EngineTransport.WebSocket : EngineTransport.Polling, events);
        if (socket is null)
        {
            await ConnectionsPerAddress.RefuseAsync(context, context.RequestAborted);
            return Results.Empty;
        }

        var open = EnginePackets.OpenPacket(socket.Id, canUpgrade: !webSocket, door.Options, MaxPayload);
        if (!webSocket)
        {
            return Results.Text(open, "text/plain; charset=UTF-8");
        }

        try
        {
            await WebSocketTransport.RunAsync(socket, await context.WebSockets.AcceptWebSocketAsync(), open, MaxPayload);
        }
        finally
        {
            socket.End("the WebSocket closed"); // already ended, unless the accept or the open packet failed
        }

        return Results.Empty;
    }
}
