using System.Text.Json;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// Engine.IO v4's packets, the lowest layer (docs/protocol.md, "The Socket.IO door"): one character for
/// the type, then the data as text. A polling body holds several, separated by the record separator; a
/// binary packet travels in polling as "b" and base64, on a WebSocket as a binary frame.
/// </summary>
public static class EnginePackets
{
    public const char Open = '0';
    public const char Close = '1';
    public const char Ping = '2';
    public const char Pong = '3';
    public const char Message = '4';
    public const char Upgrade = '5';
    public const char Noop = '6';
    public const char Base64 = 'b';
    public const char Separator = '\u001e';

    public const string Probe = "probe";
    public const string PingProbe = "2probe";
    public const string PongProbe = "3probe";

    /// <summary>The open packet of a handshake: the socket's id and what the client is to expect of it.</summary>
    public static string OpenPacket(string id, bool canUpgrade, SocketIoOptions options, long maxPayload) =>
        Open + JsonSerializer.Serialize(new Handshake(
            id, canUpgrade ? ["websocket"] : [], (long)options.PingInterval.TotalMilliseconds, (long)options.PingTimeout.TotalMilliseconds, maxPayload),
            HandshakeJson);

    private static readonly JsonSerializerOptions HandshakeJson = new(JsonSerializerDefaults.Web);

    private sealed record Handshake(string Sid, string[] Upgrades, long PingInterval, long PingTimeout, long MaxPayload);
}
