namespace Interview.Gateway.SocketIo;

/// <summary>
/// The Socket.IO door's heartbeat and buffers (configuration section "SocketIo"). The heartbeat is
/// Socket.IO's own defaults, which its clients expect: a ping every 25 s, a connection whose pong has
/// not come 20 s later is gone (the hub's keep-alive notices a drop within 30 s; this within 45 s).
/// </summary>
public sealed class SocketIoOptions
{
    public const string Section = "SocketIo";

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// What may wait for a client that does not read (a polling client that stopped polling, a socket that
    /// stopped reading), in UTF-16 characters: past it the connection is closed rather than held in memory.
    /// A hundred full texts of a few tens of KB; 16 MB at most per connection.
    /// </summary>
    public long MaxQueuedChars { get; set; } = 8L * 1024 * 1024;
}
