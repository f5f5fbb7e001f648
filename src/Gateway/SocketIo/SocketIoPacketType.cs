namespace Interview.Gateway.SocketIo;

/// <summary>Socket.IO v5's packet types, by their digit.</summary>
public enum SocketIoPacketType
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}
