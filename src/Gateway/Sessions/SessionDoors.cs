namespace Interview.Gateway.Sessions;

/// <summary>
/// Every door's connections as one (<see cref="ISessionClients"/>): a group send goes out of each door,
/// a connection's own call to each, and the door that does not hold it skips it (SignalR skips an id it
/// does not know, as the Socket.IO door does). Two doors, so no lookup by id is worth its cost.
/// </summary>
public sealed class SessionDoors(IEnumerable<ISessionDoor> doors) : ISessionClients
{
    private readonly ISessionDoor[] _doors = [.. doors];

    public Task AddToGroupAsync(string connectionId, string group) => All(door => door.AddToGroupAsync(connectionId, group));

    public Task RemoveFromGroupAsync(string connectionId, string group) => All(door => door.RemoveFromGroupAsync(connectionId, group));

    public Task SendToGroupAsync(string group, string name, object payload, string? exceptConnectionId = null) =>
        All(door => door.SendToGroupAsync(group, name, payload, exceptConnectionId));

    public Task SendToAsync(IReadOnlyList<string> connectionIds, string name, object payload) => All(door => door.SendToAsync(connectionIds, name, payload));

    private Task All(Func<ISessionDoor, Task> call)
    {
        if (_doors.Length == 1)
        {
            return call(_doors[0]);
        }

        var first = call(_doors[0]);
        var second = call(_doors[1]);
        return _doors.Length == 2 ? Both(first, second) : Task.WhenAll([first, second, .. _doors.Skip(2).Select(call)]);
    }

    // The common case is two sends already done: no Task.WhenAll array for a keystroke.
    private static Task Both(Task first, Task second) =>
        first.IsCompletedSuccessfully ? second : second.IsCompletedSuccessfully ? first : Task.WhenAll(first, second);
}
