using System.Collections.Concurrent;
using Interview.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The only session state a gateway holds: which of its connections are in which session. A session
/// gets this gateway's stream subscription with its first connection here and loses it with its last;
/// its events go to the connections the grain names (code updates take the observer path instead).
/// When a session moves to another silo (stopped, died, or collected), its new activation knows no
/// connections: this gateway registers its own again, told by the session's stream, or on the first
/// call the session answers "not joined" to, or at the latest on its periodic renewal.
/// </summary>
public sealed class GatewaySessions
{
    private readonly ConcurrentDictionary<string, SessionMember> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, LocalSession> _sessions = new();
    private readonly IGrainFactory _grains;
    private readonly IClusterClient _cluster;
    private readonly IHubContext<SessionHub> _hub;
    private readonly ILogger<GatewaySessions> _logger;
    private readonly Lazy<ISessionObserver> _observer;

    private readonly SessionRelay _relay;
    private readonly RelayedRevisions _relayed;

    public GatewaySessions(
        IGrainFactory grains, IClusterClient cluster, IHubContext<SessionHub> hub, SessionRelay relay, RelayedRevisions relayed, ILogger<GatewaySessions> logger)
    {
        (_grains, _cluster, _hub, _relay, _relayed, _logger) = (grains, cluster, hub, relay, relayed, logger);
        _observer = new Lazy<ISessionObserver>(() => grains.CreateObjectReference<ISessionObserver>(relay));
    }

    public SessionMember? MemberOf(string connectionId) => _members.GetValueOrDefault(connectionId);

    /// <summary>Users in sessions through this gateway: a user with two tabs in one session counts once.</summary>
    public int ConnectedUsers => _members.Values.Select(member => (member.SessionId, member.UserId)).Distinct().Count();

    /// <summary>
    /// Checks that the connection joined this session as this user; throws the error to send otherwise.
    /// A connection outside the session is told why: the session is gone or expired, or it never joined.
    /// </summary>
    public async Task RequireMemberAsync(string connectionId, Guid sessionId, string? userId = null)
    {
        if (MemberOf(connectionId) is not { } member || member.SessionId != sessionId)
        {
            throw new HubErrorException((await Grain(sessionId).Describe()).Status switch
            {
                SessionStatus.NotFound => SessionErrors.NotFound(sessionId),
                SessionStatus.Expired => SessionErrors.Expired(sessionId),
                _ => SessionErrors.NotJoined(sessionId),
            });
        }

        if (userId is not null && member.UserId != userId)
        {
            throw new HubErrorException(SessionErrors.InvalidField("userId", "userId is not the user this connection joined as"));
        }
    }

    public async Task<SessionJoined> JoinAsync(string connectionId, JoinSessionRequest request)
    {
        // One session per connection: joining another leaves this one. Another identity in the same
        // session is the session's to switch (it refuses a taken one without touching the current).
        var current = MemberOf(connectionId);
        if (current is not null && current.SessionId != request.SessionId)
        {
            await LeaveAsync(connectionId);
            current = null;
        }

        var session = await AcquireAsync(request.SessionId, subscribe: true);
        try
        {
            var group = SessionGroups.Of(request.SessionId, request.Ot);
            await _hub.Groups.AddToGroupAsync(connectionId, group);
            var join = new JoinRequest(
                connectionId, request.UserId, request.Username, _observer.Value, request.Ot, request.Revision, ClientId: request.ClientId, UserToken: request.UserToken);
            var result = await ClusterCalls.RetryAsync(() => Grain(request.SessionId).Join(join), _logger);
            if (result.Error is { } error)
            {
                if (current?.Ot != request.Ot)
                {
                    await _hub.Groups.RemoveFromGroupAsync(connectionId, group);
                }

                throw new HubErrorException(error);
            }

            if (current is not null && current.Ot != request.Ot)
            {
                await _hub.Groups.RemoveFromGroupAsync(connectionId, SessionGroups.Of(request.SessionId, current.Ot));
            }

            session.Connections.Add(connectionId);
            _relayed.Note(request.SessionId, result.Joined!.Revision);
            _members[connectionId] = new SessionMember(connectionId, request.SessionId, request.UserId, request.Username, request.Ot, result.Joined.UserToken);
            return result.Joined!;
        }
        finally
        {
            await ReleaseAsync(session);
        }
    }

    public async Task LeaveAsync(string connectionId)
    {
        if (!_members.TryRemove(connectionId, out var member))
        {
            return;
        }

        var session = await AcquireAsync(member.SessionId, subscribe: false);
        try
        {
            session.Connections.Remove(connectionId);
            await _hub.Groups.RemoveFromGroupAsync(connectionId, SessionGroups.Of(member.SessionId, member.Ot));
            await Grain(member.SessionId).Leave(connectionId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The grain drops this connection anyway when this gateway's lease on it lapses.
            _logger.LogWarning(exception, "Telling session {SessionId} that {ConnectionId} left failed", member.SessionId, connectionId);
        }
        finally
        {
            await ReleaseAsync(session);
        }
    }

    /// <summary>
    /// A call to a session on behalf of one of its connections here, through transient cluster failures.
    /// If the session answers that the connection is not in it although this gateway has it joined, the
    /// session lost its registrations (a new activation): they are registered again and the call repeated.
    /// </summary>
    public async Task<T> CallAsync<T>(string connectionId, Guid sessionId, Func<ISessionGrain, Task<T>> call, Func<T, ErrorPayload?> errorOf)
    {
        var result = await ClusterCalls.RetryAsync(() => call(Grain(sessionId)), _logger);
        if (errorOf(result)?.Code == ErrorCodes.InvalidSession && MemberOf(connectionId)?.SessionId == sessionId)
        {
            await ReregisterAsync(sessionId);
            result = await ClusterCalls.RetryAsync(() => call(Grain(sessionId)), _logger);
        }

        return result;
    }

    /// <summary>
    /// Renews this gateway's lease on each session it serves. A session that no longer knows this gateway
    /// (its lease lapsed, or the grain was reactivated elsewhere) gets its connections here joined again.
    /// </summary>
    public async Task RenewAsync()
    {
        foreach (var sessionId in _sessions.Keys)
        {
            if (!await Grain(sessionId).RenewGateway(_observer.Value))
            {
                await ReregisterAsync(sessionId);
            }
        }
    }

    /// <summary>Registers this gateway's connections of a session with it again, quietly: they never left.</summary>
    private async Task ReregisterAsync(Guid sessionId)
    {
        if (!_sessions.ContainsKey(sessionId))
        {
            return;
        }

        var session = await AcquireAsync(sessionId, subscribe: false);
        try
        {
            _logger.LogInformation("Registering {Count} connections with session {SessionId} again", session.Connections.Count, sessionId);
            var since = _relayed.Of(sessionId);
            SessionJoined? latest = null;
            foreach (var connectionId in session.Connections.ToList())
            {
                if (MemberOf(connectionId) is not { } member)
                {
                    continue;
                }

                var join = new JoinRequest(connectionId, member.UserId, member.Username, _observer.Value, member.Ot, since, Reregistration: true, UserToken: member.UserToken);
                var result = await ClusterCalls.RetryAsync(() => Grain(sessionId).Join(join), _logger);
                if (result.Error is { } error)
                {
                    await DropAsync(session, connectionId);
                    await _hub.Clients.Client(connectionId).SendAsync(HubEvents.Error, error);
                }
                else if (latest?.Operations is null)
                {
                    latest = result.Joined; // an "ot" join's answer carries the operations since `since`
                }
            }

            if (since is { } relayedUpTo && latest is not null)
            {
                _relay.CatchUp(sessionId, relayedUpTo, latest);
            }
        }
        finally
        {
            await ReleaseAsync(session);
        }
    }

    private async Task OnSessionEventAsync(Guid sessionId, SessionEvent sessionEvent)
    {
        if (sessionEvent.Change is SessionReactivated)
        {
            try
            {
                await ReregisterAsync(sessionId);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Registering connections with session {SessionId}'s new activation failed; the next renewal retries", sessionId);
            }

            return;
        }

        // Connections the grain names that are not on this gateway are skipped by SignalR.
        var (name, payload) = ProtocolEvents.For(sessionId, sessionEvent.Change);
        await _hub.Clients.Clients(sessionEvent.Recipients).SendAsync(name, payload);
        if (sessionEvent.Change is SessionEnded)
        {
            // Not awaited: ending unsubscribes from the stream this callback is being called by.
            _ = EndAsync(sessionId);
        }
    }

    /// <summary>The session ended (expired): its connections here are no longer in it.</summary>
    private async Task EndAsync(Guid sessionId)
    {
        if (!_sessions.ContainsKey(sessionId))
        {
            return;
        }

        try
        {
            var session = await AcquireAsync(sessionId, subscribe: false);
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
            _logger.LogWarning(exception, "Letting go of ended session {SessionId} failed", sessionId);
        }
    }

    private async Task DropAsync(LocalSession session, string connectionId)
    {
        session.Connections.Remove(connectionId);
        if (_members.TryRemove(connectionId, out var member))
        {
            await _hub.Groups.RemoveFromGroupAsync(connectionId, SessionGroups.Of(session.Id, member.Ot));
        }
    }

    private async Task<LocalSession> AcquireAsync(Guid sessionId, bool subscribe)
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

            if (subscribe && session.Events is null)
            {
                try
                {
                    session.Events = await SubscribeAsync(sessionId);
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

    private async Task ReleaseAsync(LocalSession session)
    {
        try
        {
            if (session.Connections.Count == 0)
            {
                session.Closed = true;
                _sessions.TryRemove(new KeyValuePair<Guid, LocalSession>(session.Id, session));
                _relayed.Forget(session.Id);
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

    /// <summary>
    /// Subscribes this gateway to a session's events, resuming a subscription it already holds (one whose
    /// removal failed, kept by the stream's PubSubStore) instead of adding another: one per session, none leaked.
    /// </summary>
    private async Task<StreamSubscriptionHandle<SessionEvent>> SubscribeAsync(Guid sessionId)
    {
        var stream = _cluster.GetStreamProvider(SessionStreams.Provider).GetStream<SessionEvent>(SessionStreams.For(sessionId));
        var existing = await ClusterCalls.RetryAsync(stream.GetAllSubscriptionHandles, _logger);
        foreach (var extra in existing.Skip(1))
        {
            await extra.UnsubscribeAsync();
        }

        return existing.Count > 0
            ? await existing[0].ResumeAsync((item, _) => OnSessionEventAsync(sessionId, item))
            : await ClusterCalls.RetryAsync(() => stream.SubscribeAsync((item, _) => OnSessionEventAsync(sessionId, item)), _logger);
    }

    private ISessionGrain Grain(Guid sessionId) => _grains.GetGrain<ISessionGrain>(sessionId);
}
