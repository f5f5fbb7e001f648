using System.Text.Json;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// A Socket.IO v5 packet, the layer above Engine.IO's message: the type digit, for a binary packet the
/// number of attachments and "-", a namespace ("/admin,") unless it is "/", an acknowledgement id, then
/// JSON. <c>42["code-change",{…}]</c> is an event; <c>421[…]</c> one that asks for an answer, <c>431[…]</c>.
/// </summary>
public readonly record struct SocketIoPacket(SocketIoPacketType Type, string Namespace, long? AckId, int Attachments, string Data)
{
    public const string DefaultNamespace = "/";

    /// <summary>The most attachments a binary packet may announce before it is taken as garbage rather than refused.</summary>
    public const int MaxAttachments = 1000;

    /// <summary>Reads a packet's header; the JSON is left as text (<see cref="Data"/>) for whoever reads it.</summary>
    public static bool TryParse(string text, out SocketIoPacket packet, out string problem)
    {
        packet = default;
        problem = string.Empty;
        if (text.Length == 0 || text[0] is < '0' or > '6')
        {
            problem = text.Length == 0 ? "an empty Socket.IO packet" : "not a Socket.IO packet: its type is a digit from 0 to 6";
            return false;
        }

        var type = (SocketIoPacketType)(text[0] - '0');
        var at = 1;
        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            var dash = text.IndexOf('-', at);
            if (dash < 0 || !int.TryParse(text.AsSpan(at, dash - at), System.Globalization.NumberStyles.None, null, out attachments) || attachments > MaxAttachments)
            {
                problem = "a binary packet announces its attachments as a number and '-'";
                return false;
            }

            at = dash + 1;
        }

        var nsp = DefaultNamespace;
        if (at < text.Length && text[at] == '/')
        {
            var comma = text.IndexOf(',', at);
            nsp = comma < 0 ? text[at..] : text[at..comma];
            at = comma < 0 ? text.Length : comma + 1;
        }

        long? ackId = null;
        var digits = at;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits > at)
        {
            if (!long.TryParse(text.AsSpan(at, digits - at), System.Globalization.NumberStyles.None, null, out var id))
            {
                problem = "an acknowledgement id is a whole number";
                return false;
            }

            ackId = id;
            at = digits;
        }

        packet = new SocketIoPacket(type, nsp, ackId, attachments, text[at..]);
        return true;
    }

    /// <summary>An event packet of the default namespace: <c>42["name",payload]</c>, the payload written as the hub writes it.</summary>
    public static string Event(string name, object payload, JsonSerializerOptions json) =>
        $"{EnginePackets.Message}2[{JsonSerializer.Serialize(name, json)},{JsonSerializer.Serialize(payload, payload.GetType(), json)}]";

    /// <summary>The answer to an event that asked for one: <c>43{id}[answer]</c>.</summary>
    public static string Ack(long id, object? answer, JsonSerializerOptions json) =>
        $"{EnginePackets.Message}3{id}[{(answer is null ? "null" : JsonSerializer.Serialize(answer, answer.GetType(), json))}]";

    /// <summary>CONNECT's answer for the default namespace: the connection's id.</summary>
    public static string Connected(string id, JsonSerializerOptions json) => $"{EnginePackets.Message}0{JsonSerializer.Serialize(new { sid = id }, json)}";

    /// <summary>CONNECT_ERROR: a namespace this server does not have.</summary>
    public static string ConnectError(string nsp, string message, JsonSerializerOptions json) =>
        $"{EnginePackets.Message}4{(nsp == DefaultNamespace ? string.Empty : (nsp.Length > 64 ? nsp[..64] : nsp) + ",")}{JsonSerializer.Serialize(new { message }, json)}";

    /// <summary>DISCONNECT of the default namespace: the client does not reconnect on its own after it.</summary>
    public static string Disconnect() => $"{EnginePackets.Message}1";
}
