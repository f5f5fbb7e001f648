namespace Interview.Gateway.Sessions;

/// <summary>
/// This gateway's observer for every session it serves: the keystroke path's last hop, from the grain's
/// one-way call to the session's SignalR groups, the sender's connection excluded.
/// </summary>
public sealed class SessionRelay(ISessionClients hub, LocalSessions local, RelayedRevisions relayed, ILogger<SessionRelay> logger) : ISessionObserver
{
    public Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId)
    {
        if (change.Update.Document == Documents.Notes)
        {
            // To the interviewer connections the session names, never to a group, and only those this gateway
            // also holds as interviewers: one that has just joined again without the key is one no more
            // (docs/protocol.md, "Roles, notes, ending and activity").
            var interviewers = (change.Recipients ?? []).Where(id => local.MemberOf(id)?.InterviewerKeyHash is not null).ToArray();
            foreach (var connectionId in interviewers)
            {
                relayed.NoteNotes(connectionId, change.Update.Revision);
            }

            SendTo(interviewers, OtProtocol.Operation, change.Update);
            return Task.CompletedTask;
        }

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

    /// <summary>The notes' operations an interviewer connection missed while the session did not know it, or a resync when they are no longer kept.</summary>
    public void CatchUpNotes(Guid sessionId, string connectionId, long since, SessionJoined joined)
    {
        if (joined.Notes is not { } notes || notes.Revision <= since)
        {
            return;
        }

        if (joined.NotesOperations is { } missed)
        {
            foreach (var update in missed)
            {
                SendTo([connectionId], OtProtocol.Operation, update);
            }
        }
        else
        {
            SendTo([connectionId], HubEvents.Error, SessionErrors.ResyncRequired(sessionId));
        }

        relayed.NoteNotes(connectionId, notes.Revision);
    }

    private void SendTo(IReadOnlyList<string> connectionIds, string name, object payload)
    {
        if (connectionIds.Count > 0)
        {
            Watch(hub.SendToAsync(connectionIds, name, payload), name, "interviewers");
        }
    }

    // Orleans delivers one observer's calls one at a time; not waiting on sockets here keeps one slow
    // browser from holding up every other session on this gateway.
    private void Send(string group, string name, object payload, string? exceptConnectionId)
    {
        Watch(hub.SendToGroupAsync(group, name, payload, exceptConnectionId), name, group);
    }

    private void Watch(Task sending, string name, string group)
    {
        if (sending.IsCompletedSuccessfully)
        {
            return; // the usual case: every socket took it at once, nothing to watch (and no continuation made)
        }

        sending.ContinueWith(
            (send, state) => logger.LogWarning(send.Exception, "Relaying {Event} to {Group} failed", name, state),
            group,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
