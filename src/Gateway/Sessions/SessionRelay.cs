using Interview.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Sessions;

/// <summary>
/// This gateway's observer for every session it serves: the keystroke path's last hop, from the grain's
/// one-way call to the session's SignalR groups, the sender's connection excluded.
/// </summary>
public sealed class SessionRelay(IHubContext<SessionHub> hub, ILogger<SessionRelay> logger) : ISessionObserver
{
    public Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId)
    {
        Send(SessionGroups.Of(sessionId, ot: true), OtProtocol.Operation, change.Update, exceptConnectionId);
        if (change.Code is { } code)
        {
            var update = new CodeUpdate(code, change.Update.UserId, change.Timestamp, change.Update.Revision);
            Send(SessionGroups.Of(sessionId, ot: false), HubEvents.CodeUpdate, update, exceptConnectionId);
        }

        return Task.CompletedTask;
    }

    public Task CursorMoved(Guid sessionId, CursorUpdate cursor, string exceptConnectionId)
    {
        Send(SessionGroups.Of(sessionId, ot: true), OtProtocol.CursorUpdate, cursor, exceptConnectionId);
        return Task.CompletedTask;
    }

    // Orleans delivers one observer's calls one at a time; not waiting on sockets here keeps one slow
    // browser from holding up every other session on this gateway.
    private void Send(string group, string name, object payload, string? exceptConnectionId)
    {
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        clients.SendAsync(name, payload).ContinueWith(
            (send, state) => logger.LogWarning(send.Exception, "Relaying {Event} to {Group} failed", name, state),
            group,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
