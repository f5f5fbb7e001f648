namespace Interview.Gateway.Sessions;

/// <summary>
/// What the hub asks of this gateway's sessions: join, leave, the membership check before a change, and
/// a session call. Refusals come back as the error to send (the hub throws them), so this folder knows
/// nothing of the hub. A session gets this gateway's stream subscription with its first connection here
/// and loses it with its last.
/// </summary>
public sealed class GatewaySessions(
    SessionGrains grains, ISessionClients hub, LocalSessions local, SessionSubscriptions subscriptions, SessionCalls calls, GatewayObserver observer,
    RelayedRevisions relayed, ClusterCalls cluster, ILogger<GatewaySessions> logger)
{
    public SessionMember? MemberOf(string connectionId) => local.MemberOf(connectionId);

    /// <summary>
    /// Whether the connection joined this session as this user: null if so, otherwise the error to send.
    /// A connection outside the session is told why: the session is gone or expired, or it never joined.
    /// </summary>
    public async Task<ErrorPayload?> RefusalOfAsync(string connectionId, Guid sessionId, string? userId = null)
    {
        if (MemberOf(connectionId) is not { } member || member.SessionId != sessionId)
        {
            return (await Grain(sessionId).Describe()).Status switch
            {
                SessionStatus.NotFound => SessionErrors.NotFound(sessionId),
                SessionStatus.Expired => SessionErrors.Expired(sessionId),
                _ => SessionErrors.NotJoined(sessionId),
            };
        }

        return userId is not null && member.UserId != userId
            ? SessionErrors.InvalidField("userId", "userId is not the user this connection joined as")
            : null;
    }

    /// <summary>Joins the connection to the session (<paramref name="sessionId"/> is the request's, parsed); the result carries the refusal if any.</summary>
    public async Task<JoinResult> JoinAsync(string connectionId, Guid sessionId, JoinSessionPayload request)
    {
        // One session per connection: joining another leaves this one, once the other has let it in (a
        // refused join changes nothing). Another identity in the same session is the session's to switch
        // (it refuses a taken one without touching the current).
        var current = MemberOf(connectionId);
        var elsewhere = current is not null && current.SessionId != sessionId ? current : null;
        var here = elsewhere is null ? current : null;
        var ot = request.Protocol == OtProtocol.Name;
        var session = await local.AcquireAsync(sessionId, subscriptions.SubscribeAsync);
        JoinResult result;
        try
        {
            var group = SessionGroups.Of(sessionId, ot);
            await hub.AddToGroupAsync(connectionId, group);
            // Only the key's hash travels on: the key itself never leaves this request (docs/protocol.md, "Roles, notes, ending and activity").
            var keyHash = request.InterviewerKey is { } key ? InterviewerKeys.Hash(key) : null;
            var join = new JoinRequest(
                connectionId, request.UserId, request.Username!, observer.Reference, ot, request.Revision, ClientId: request.ClientId, UserToken: request.UserToken,
                InterviewerKeyHash: keyHash, NotesRevision: request.NotesRevision);
            result = await cluster.RetryAsync(() => Grain(sessionId).Join(join));
            if (result.Error is not null)
            {
                if (here?.Ot != ot)
                {
                    await hub.RemoveFromGroupAsync(connectionId, group);
                }

                return result;
            }

            if (here is not null && here.Ot != ot)
            {
                await hub.RemoveFromGroupAsync(connectionId, SessionGroups.Of(sessionId, here.Ot));
            }

            var joined = result.Joined!;
            relayed.Note(sessionId, joined.Revision);
            if (joined.Notes is { } notes)
            {
                relayed.NoteNotes(connectionId, notes.Revision);
            }
            else
            {
                relayed.ForgetConnection(connectionId);
            }

            var interviewer = joined.Role == Roles.Interviewer;
            local.Add(session, new SessionMember(connectionId, sessionId, request.UserId, request.Username!, ot, joined.UserToken, interviewer ? keyHash : null));
        }
        finally
        {
            await local.ReleaseAsync(session);
        }

        if (elsewhere is not null)
        {
            await LeaveSessionAsync(elsewhere); // after this session's gate is let go: never two gates held at once
        }

        return result;
    }

    public async Task LeaveAsync(string connectionId)
    {
        if (local.TryRemove(connectionId, out var member))
        {
            await LeaveSessionAsync(member);
        }
    }

    private async Task LeaveSessionAsync(SessionMember member)
    {
        var session = await local.AcquireAsync(member.SessionId);
        try
        {
            session.Connections.Remove(member.ConnectionId);
            await hub.RemoveFromGroupAsync(member.ConnectionId, SessionGroups.Of(member.SessionId, member.Ot));
            await Grain(member.SessionId).Leave(member.ConnectionId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The grain drops this connection anyway when this gateway's lease on it lapses.
            logger.LogWarning(exception, "Telling session {SessionId} that {ConnectionId} left failed", member.SessionId, member.ConnectionId);
        }
        finally
        {
            await local.ReleaseAsync(session);
        }
    }

    /// <inheritdoc cref="SessionCalls.CallAsync{T}"/>
    public Task<T> CallAsync<T>(string connectionId, Guid sessionId, Func<ISessionGrain, Task<T>> call, Func<T, ErrorPayload?> errorOf) =>
        calls.CallAsync(connectionId, sessionId, call, errorOf);

    private ISessionGrain Grain(Guid sessionId) => grains[sessionId];
}
