using Interview.Gateway.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>The session hub's door (<see cref="ISessionDoor"/>): its connections and groups, through the hub's context.</summary>
public sealed class SessionHubClients(IHubContext<SessionHub> hub) : ISessionDoor
{
    public Task AddToGroupAsync(string connectionId, string group) => hub.Groups.AddToGroupAsync(connectionId, group);

    public Task RemoveFromGroupAsync(string connectionId, string group) => hub.Groups.RemoveFromGroupAsync(connectionId, group);

    public Task SendToGroupAsync(string group, string name, object payload, string? exceptConnectionId = null) =>
        (exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId)).SendAsync(name, payload);

    public Task SendToAsync(IReadOnlyList<string> connectionIds, string name, object payload) => hub.Clients.Clients(connectionIds).SendAsync(name, payload);
}
