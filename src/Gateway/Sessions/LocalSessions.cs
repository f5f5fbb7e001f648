using System.Collections.Concurrent;
using Orleans.Streams;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The only session state a gateway holds: which of its connections are in which session, and each
/// session's <see cref="LocalSession"/> with its gate. A session is here from its first connection's
/// join to its last one's leave.
/// </summary>
public sealed class LocalSessions(ISessionClients hub, RelayedRevisions relayed, ILogger<LocalSessions> logger)
{
    private readonly ConcurrentDictionary<string, SessionMember> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, LocalSession> _sessions = new();

    public SessionMember? MemberOf(string connectionId) => _members.GetValueOrDefault(connectionId);

    /// <summary>Users in sessions through this gateway: a user with two tabs in one session counts once.</summary>
    public int ConnectedUsers => _members.Values.Select(member => (member.SessionId, member.UserId)).Distinct().Count();

    public ICollection<Guid> SessionIds => _sessions.Keys;

    public bool Serves(Guid sessionId) => _sessions.ContainsKey(sessionId);

    /// <summary>A joined connection, noted in its session (whose gate the caller holds).</summary>
    public void Add(LocalSession session, SessionMember member)
    {
        session.Connections.Add(member.ConnectionId);
        _members[member.ConnectionId] = member;
    }

    public bool TryRemove(string connectionId, out SessionMember member)
    {
        relayed.ForgetConnection(connectionId);
        return _members.TryRemove(connectionId, out member!);
    }

    /// <summary>How many of this gateway's connections are in the session.</summary>
    public int ConnectionCount(Guid sessionId) => _sessions.TryGetValue(sessionId, out var session) ? session.Connections.Count : 0;

    /// <summary>Takes a session's gate; <paramref name="subscribe"/> makes sure the session's events come here too.</summary>
    public async Task<LocalSession> AcquireAsync(Guid sessionId, Func<Guid, Task<StreamSubscriptionHandle<SessionEvent>>>? subscribe = null)
    {
        while (true)
        {
            var session = _sessions.GetOrAdd(sessionId, id => new LocalSession(id));
            await session.Gate.WaitAsync();
            if (session.Closed)
            {
                session.Gate.Release();
                continue;
            }

            if (subscribe is not null && session.Events is null)
            {
                try
                {
                    session.Events = await subscribe(sessionId);
                }
                catch
                {
                    await ReleaseAsync(session);
                    throw;
                }
            }

            return session;
        }
    }

    /// <summary>Lets go of a session's gate; a session left without connections here is forgotten and unsubscribed.</summary>
    public async Task ReleaseAsync(LocalSession session)
    {
        try
        {
            if (session.Connections.Count == 0)
            {
                session.Closed = true;
                _sessions.TryRemove(new KeyValuePair<Guid, LocalSession>(session.Id, session));
                relayed.Forget(session.Id);
                if (session.Events is { } events)
                {
                    session.Events = null;
                    await events.UnsubscribeAsync();
                }
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>A connection here is no longer in the session (the caller holds its gate).</summary>
    public async Task DropAsync(LocalSession session, string connectionId)
    {
        session.Connections.Remove(connectionId);
        if (TryRemove(connectionId, out var member))
        {
            await hub.RemoveFromGroupAsync(connectionId, SessionGroups.Of(session.Id, member.Ot));
        }
    }

    /// <summary>The session ended (expired): its connections here are no longer in it.</summary>
    public async Task EndAsync(Guid sessionId)
    {
        if (!Serves(sessionId))
        {
            return;
        }

        try
        {
            var session = await AcquireAsync(sessionId);
            try
            {
                foreach (var connectionId in session.Connections.ToList())
                {
                    await DropAsync(session, connectionId);
                }
            }
            finally
            {
                await ReleaseAsync(session);
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Letting go of ended session {SessionId} failed", sessionId);
        }
    }
}
