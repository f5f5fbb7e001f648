namespace Interview.Gateway.SocketIo;

/// <summary>How an Engine.IO socket reaches its client now: by polling, in the middle of an upgrade, or by WebSocket.</summary>
public enum EngineTransport
{
    Polling,
    Upgrading,
    WebSocket,
}
