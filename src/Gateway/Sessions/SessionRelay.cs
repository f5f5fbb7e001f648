using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Sessions;

/// <summary>
/// This gateway's observer for every session it serves: the keystroke path's last hop, from the grain's
/// one-way call to the session's SignalR groups, the sender's connection excluded.
/// </summary>
public sealed class SessionRelay(ISessionClients hub, RelayedRevisions relayed, ILogger<SessionRelay> logger) : ISessionObserver
{
    public Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId)
    {
        relayed.Note(sessionId, change.Update.Revision);
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

    /// <summary>
    /// Relays what a session changed while it did not know this gateway (from a re-registration's
    /// session-joined): its operations to the "ot" connections, which apply them by revision and ignore
    /// those they have, and the whole text to full-text connections. If the session's history no longer
    /// reaches back that far, the "ot" connections are told to resynchronise.
    /// </summary>
    public void CatchUp(Guid sessionId, long since, SessionJoined joined)
    {
        if (joined.Revision <= since)
        {
            return;
        }

        if (joined.Operations is { } missed)
        {
            foreach (var update in missed)
            {
                Send(SessionGroups.Of(sessionId, ot: true), OtProtocol.Operation, update, null);
            }
        }
        else
        {
            Send(SessionGroups.Of(sessionId, ot: true), HubEvents.Error, SessionErrors.ResyncRequired(sessionId), null);
        }

        var code = new CodeUpdate(joined.CurrentCode, string.Empty, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), joined.Revision);
        Send(SessionGroups.Of(sessionId, ot: false), HubEvents.CodeUpdate, code, null);
        relayed.Note(sessionId, joined.Revision);
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
