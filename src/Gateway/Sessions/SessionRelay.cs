using Interview.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Sessions;

/// <summary>
/// This gateway's observer for every session it serves: the keystroke path's last hop, from the grain's
/// one-way call to the session's SignalR group.
/// </summary>
public sealed class SessionRelay(IHubContext<SessionHub> hub, ILogger<SessionRelay> logger) : ISessionObserver
{
    public Task CodeUpdated(Guid sessionId, CodeUpdate update, string? exceptConnectionId)
    {
        // Orleans delivers one observer's calls one at a time; not waiting on sockets here keeps one slow
        // browser from holding up every other session on this gateway.
        Send(sessionId, update, exceptConnectionId);
        return Task.CompletedTask;
    }

    private void Send(Guid sessionId, CodeUpdate update, string? exceptConnectionId)
    {
        var group = SessionGroups.Of(sessionId);
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        clients.SendAsync(HubEvents.CodeUpdate, update).ContinueWith(
            (send, state) => logger.LogWarning(send.Exception, "Relaying a code update to session {SessionId} failed", state),
            sessionId,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
