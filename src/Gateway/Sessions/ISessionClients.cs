namespace Interview.Gateway.Sessions;

/// <summary>
/// The connections and groups the session parts send through, whichever door a connection came in by:
/// SignalR's hub (Hubs) or the Socket.IO endpoint (SocketIo). Both sit above this folder and give their
/// part; <see cref="SessionDoors"/> puts them together. A connection id a door does not hold is skipped by it.
/// </summary>
public interface ISessionClients
{
    Task AddToGroupAsync(string connectionId, string group);

    Task RemoveFromGroupAsync(string connectionId, string group);

    Task SendToGroupAsync(string group, string name, object payload, string? exceptConnectionId = null);

    Task SendToAsync(IReadOnlyList<string> connectionIds, string name, object payload);
}
