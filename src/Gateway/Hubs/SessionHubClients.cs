using Interview.Gateway.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>The session hub's context, for the session parts (<see cref="ISessionClients"/>).</summary>
public sealed class SessionHubClients(IHubContext<SessionHub> hub) : ISessionClients
{
    public IHubClients Clients => hub.Clients;

    public IGroupManager Groups => hub.Groups;
}
