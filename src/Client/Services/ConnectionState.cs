namespace Interview.Client.Services;

public enum ConnectionState
{
    Connecting,
    Connected,
    Reconnecting,
    Offline,
}
