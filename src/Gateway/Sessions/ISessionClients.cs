using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The hub's connections and groups as the session parts here send through them: the hub (Hubs) sits
/// above this folder and gives its context (<c>SessionHubClients</c>).
/// </summary>
public interface ISessionClients
{
    IHubClients Clients { get; }

    IGroupManager Groups { get; }
}
