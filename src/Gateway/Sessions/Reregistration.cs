namespace Interview.Gateway.Sessions;

/// <summary>
/// When a session moves to another silo (stopped, died, or collected), its new activation knows no
/// connections: this gateway registers its own again, told by the session's stream (Reactivated), or on
/// the first call the session answers "not joined" to, or at the latest on its periodic renewal; then
/// it catches its connections up on what the session changed meanwhile.
/// </summary>
public sealed class Reregistration(
    SessionGrains grains, LocalSessions local, GatewayObserver observer, SessionRelay relay, RelayedRevisions relayed, ISessionClients hub, ClusterCalls cluster,
    ILogger<Reregistration> logger)
{
    /// <summary>
    /// Renews this gateway's lease on each session it serves. A session that no longer knows this gateway
    /// (its lease lapsed, or the grain was reactivated elsewhere), or knows fewer of its connections than
    /// it holds (a new activation another connection here joined first), gets its connections here joined again.
    /// </summary>
    public async Task RenewAsync()
    {
        foreach (var sessionId in local.SessionIds)
        {
            if (!await grains[sessionId].RenewGateway(observer.Reference, local.ConnectionCount(sessionId)))
            {
                await ReregisterAsync(sessionId);
            }
        }
    }

    /// <summary>Registers this gateway's connections of a session with it again, quietly: they never left.</summary>
    public async Task ReregisterAsync(Guid sessionId)
    {
        if (!local.Serves(sessionId))
        {
            return;
        }

        var session = await local.AcquireAsync(sessionId);
        try
        {
            logger.LogInformation("Registering {Count} connections with session {SessionId} again", session.Connections.Count, sessionId);
            var since = relayed.Of(sessionId);
            SessionJoined? latest = null;
            foreach (var connectionId in session.Connections.ToList())
            {
                if (local.MemberOf(connectionId) is not { } member)
                {
                    continue;
                }

                var notesSince = member.InterviewerKeyHash is null || !member.Ot ? null : relayed.NotesOf(connectionId);
                var join = new JoinRequest(
                    connectionId, member.UserId, member.Username, observer.Reference, member.Ot, since, Reregistration: true, UserToken: member.UserToken,
                    InterviewerKeyHash: member.InterviewerKeyHash, NotesRevision: notesSince);
                var result = await cluster.RetryAsync(() => grains[sessionId].Join(join));
                if (result.Error is { } error)
                {
                    await local.DropAsync(session, connectionId);
                    await hub.SendToAsync([connectionId], HubEvents.Error, error);
                }
                else
                {
                    if (notesSince is { } notesUpTo)
                    {
                        relay.CatchUpNotes(sessionId, connectionId, notesUpTo, result.Joined!);
                    }

                    if (latest?.Operations is null)
                    {
                        latest = result.Joined; // an "ot" join's answer carries the operations since `since`
                    }
                }
            }

            if (since is { } relayedUpTo && latest is not null)
            {
                relay.CatchUp(sessionId, relayedUpTo, latest);
            }
        }
        finally
        {
            await local.ReleaseAsync(session);
        }
    }
}
