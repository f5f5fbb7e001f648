namespace Interview.Grains.Sessions.Core;

/// <summary>
/// Who is in a session (docs/protocol.md, "Participants and names"): users (two tabs of one user are one
/// user), their connections, and the gateway each connection is on, held under a lease. A gateway is
/// whatever the host tells connections apart by (the grain: its observer), compared by
/// <paramref name="gateways"/>. Orleans' ObserverManager is not used because a gateway whose lease runs
/// out must take its connections (and so possibly users) with it, which it cannot report.
/// </summary>
public sealed class Presence<TGateway>(TimeProvider leaseClock, int maxUsers = int.MaxValue, IEqualityComparer<TGateway>? gateways = null)
    where TGateway : notnull
{
    private readonly List<Participant> _users = [];
    private readonly Dictionary<string, (Participant User, TGateway Gateway)> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<TGateway, GatewayLease<TGateway>> _gateways = new(gateways);
    private readonly HashSet<string> _fullTextConnections = new(StringComparer.Ordinal);

    public int UserCount => _users.Count;
    public bool IsEmpty => _users.Count == 0;

    /// <summary>Whether a full-text connection (no "ot") is in the session: only then is the whole text sent per change.</summary>
    public bool HasFullTextClients => _fullTextConnections.Count > 0;
    public IEnumerable<TGateway> Gateways => _gateways.Values.Select(g => g.Gateway);

    /// <summary>Every connection in the session, but <paramref name="except"/>.</summary>
    public IReadOnlyList<string> ConnectionIds(string? except = null) =>
        _connections.Keys.Where(id => id != except).ToArray();

    public IReadOnlyList<ParticipantInfo> Snapshot() => _users.ConvertAll(u => u.ToInfo());

    public Participant? UserOf(string connectionId) =>
        _connections.TryGetValue(connectionId, out var entry) ? entry.User : null;

    /// <summary>Whether this connection joined with the interviewer key.</summary>
    public bool IsInterviewer(string connectionId) =>
        _connections.TryGetValue(connectionId, out var entry) && entry.User.InterviewerConnections.Contains(connectionId);

    /// <summary>
    /// The interviewer connections, but <paramref name="except"/>: the only ones told the notes and activity;
    /// with <paramref name="otOnly"/>, only those that speak "ot" (the notes' operations are of no use to a full-text client).
    /// </summary>
    public IReadOnlyList<string> InterviewerConnectionIds(string? except = null, bool otOnly = false) =>
        _users.SelectMany(u => u.InterviewerConnections).Where(id => id != except && !(otOnly && _fullTextConnections.Contains(id))).ToArray();

    /// <summary>The gateways that hold an interviewer connection.</summary>
    public IEnumerable<TGateway> InterviewerGateways =>
        _users.SelectMany(u => u.InterviewerConnections).Select(id => _connections[id].Gateway).Distinct(_gateways.Comparer);

    /// <summary>
    /// Adds a connection as a user, checking before anything changes: a present user's id needs that
    /// user's token (<paramref name="token"/>), a new user needs room under the participant limit. A new
    /// user takes the token the join carried when it is well formed (the other tabs of that browser hold
    /// the same one, and come back with it after everyone dropped) and a new one otherwise.
    /// </summary>
    /// <param name="interviewer">The join carried the session's interviewer key: this connection is an interviewer, until a join of it says otherwise.</param>
    public Admission Add(
        string connectionId, string userId, string username, TGateway gateway, bool ot = false, string? token = null, bool reregistration = false, bool interviewer = false)
    {
        if (Check(connectionId, userId, token, reregistration) is not AdmissionStatus.Admitted and var refused)
        {
            return new Admission(refused);
        }

        _connections.TryGetValue(connectionId, out var existing);
        if (existing.User?.Id == userId)
        {
            SetFullText(connectionId, !ot);
            SetRole(existing.User, connectionId, interviewer);
            Rename(existing.User, username); // a repeated join: nothing new to tell anyone
            Renew(gateway);
            return new Admission(AdmissionStatus.Admitted, existing.User);
        }

        var user = _users.Find(u => u.Id == userId);
        var left = Remove(connectionId);
        SetFullText(connectionId, !ot);
        var isNew = user is null;
        if (user is null)
        {
            user = new Participant(userId, ParticipantNames.Unique(username, Others(null)), ParticipantColors.Next(_users), UserTokens.IsWellFormed(token) ? token! : UserTokens.New())
            {
                AskedName = username,
            };
            _users.Add(user);
        }
        else
        {
            Rename(user, username);
        }

        if (!_gateways.TryGetValue(gateway, out var lease))
        {
            _gateways[gateway] = lease = new GatewayLease<TGateway>(gateway, leaseClock);
        }

        lease.Renew();
        lease.Connections.Add(connectionId);
        user.Connections.Add(connectionId);
        SetRole(user, connectionId, interviewer);
        _connections[connectionId] = (user, lease.Gateway);
        return new Admission(AdmissionStatus.Admitted, user, isNew, left);
    }

    /// <summary>
    /// Whether <see cref="Add"/> would let this join in, changing nothing: the session asks first, so a
    /// join it then refuses for another reason (the user's budget) leaves everything as it was.
    /// </summary>
    public AdmissionStatus Check(string connectionId, string userId, string? token = null, bool reregistration = false)
    {
        _connections.TryGetValue(connectionId, out var existing);
        if (existing.User?.Id == userId)
        {
            return AdmissionStatus.Admitted;
        }

        var user = _users.Find(u => u.Id == userId);
        if (user is not null && !UserTokens.Match(user.Token, token))
        {
            return AdmissionStatus.WrongToken;
        }

        var leaving = existing.User is { Connections.Count: 1 } ? 1 : 0;
        return user is null && !reregistration && _users.Count - leaving >= maxUsers ? AdmissionStatus.Full : AdmissionStatus.Admitted;
    }

    /// <summary>Removes a connection; returns its user if that was the user's last connection.</summary>
    public Participant? Remove(string connectionId)
    {
        if (!_connections.Remove(connectionId, out var entry))
        {
            return null;
        }

        _fullTextConnections.Remove(connectionId);
        if (_gateways.TryGetValue(entry.Gateway, out var lease))
        {
            lease.Connections.Remove(connectionId);
            if (lease.Connections.Count == 0)
            {
                _gateways.Remove(entry.Gateway);
            }
        }

        entry.User.Connections.Remove(connectionId);
        entry.User.InterviewerConnections.Remove(connectionId);
        if (entry.User.Connections.Count > 0)
        {
            return null;
        }

        _users.Remove(entry.User);
        return entry.User;
    }

    /// <summary>Renews a gateway's lease; false when this session holds none, or fewer than <paramref name="connections"/>, of its connections.</summary>
    public bool Renew(TGateway gateway, int connections = 0)
    {
        if (!_gateways.TryGetValue(gateway, out var lease))
        {
            return false;
        }

        lease.Renew();
        return lease.Connections.Count >= connections;
    }

    /// <summary>Drops the connections of gateways whose lease ran out; returns the users that left with them.</summary>
    public List<Participant> RemoveLapsedGateways(TimeSpan leaseDuration)
    {
        var left = new List<Participant>();
        foreach (var lapsed in _gateways.Values.Where(g => g.Age > leaseDuration).ToList())
        {
            foreach (var connectionId in lapsed.Connections.ToList())
            {
                if (Remove(connectionId) is { } user)
                {
                    left.Add(user);
                }
            }
        }

        return left;
    }

    public void Clear()
    {
        _users.Clear();
        _connections.Clear();
        _gateways.Clear();
        _fullTextConnections.Clear();
    }

    private IEnumerable<string> Others(Participant? self) => _users.Where(u => u != self).Select(u => u.Username);

    private void SetFullText(string connectionId, bool fullText)
    {
        if (fullText)
        {
            _fullTextConnections.Add(connectionId);
        }
        else
        {
            _fullTextConnections.Remove(connectionId);
        }
    }

    private static void SetRole(Participant user, string connectionId, bool interviewer)
    {
        if (interviewer)
        {
            user.InterviewerConnections.Add(connectionId);
        }
        else
        {
            user.InterviewerConnections.Remove(connectionId);
        }
    }

    private void Rename(Participant user, string username)
    {
        if (user.AskedName != username)
        {
            user.AskedName = username;
            user.Username = ParticipantNames.Unique(username, Others(user));
        }
    }
}
