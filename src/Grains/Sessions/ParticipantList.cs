namespace Interview.Grains.Sessions;

/// <summary>
/// Who is in a session: users (two tabs of one user are one user), their connections, and the gateway
/// each connection is on. Orleans' ObserverManager is not used for the gateways because a gateway whose
/// lease runs out must take its connections (and so possibly users) with it, which it cannot report.
/// </summary>
public sealed class ParticipantList(TimeProvider leaseClock)
{
    public static readonly IReadOnlyList<string> Palette =
        ["#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2", "#d19a66", "#be5046", "#7f848e", "#f472b6"];

    private readonly List<Participant> _users = [];
    private readonly Dictionary<string, (Participant User, GrainId Gateway)> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<GrainId, GatewayLease> _gateways = [];
    private readonly HashSet<string> _fullTextConnections = new(StringComparer.Ordinal);

    public int UserCount => _users.Count;
    public bool IsEmpty => _users.Count == 0;

    /// <summary>Whether a SPEC.md-style connection (full text, no "ot") is in the session: only then is the whole text sent per change.</summary>
    public bool HasFullTextClients => _fullTextConnections.Count > 0;
    public IEnumerable<ISessionObserver> Gateways => _gateways.Values.Select(g => g.Observer);

    /// <summary>Every connection in the session, but <paramref name="except"/>.</summary>
    public IReadOnlyList<string> ConnectionIds(string? except = null) =>
        _connections.Keys.Where(id => id != except).ToArray();

    public IReadOnlyList<ParticipantInfo> Snapshot() => _users.ConvertAll(u => u.ToInfo());

    public Participant? UserOf(string connectionId) =>
        _connections.TryGetValue(connectionId, out var entry) ? entry.User : null;

    /// <summary>Adds a connection; returns its user and whether that user is new to the session.</summary>
    public (Participant User, bool IsNewUser) Add(string connectionId, string userId, string username, ISessionObserver gateway, bool ot = false)
    {
        if (ot)
        {
            _fullTextConnections.Remove(connectionId);
        }
        else
        {
            _fullTextConnections.Add(connectionId);
        }

        if (_connections.TryGetValue(connectionId, out var existing) && existing.User.Id == userId)
        {
            existing.User.Username = username; // a repeated join: nothing new to tell anyone
            Renew(gateway);
            return (existing.User, false);
        }

        Remove(connectionId);
        var user = _users.Find(u => u.Id == userId);
        var isNew = user is null;
        if (user is null)
        {
            user = new Participant(userId, username, NextColor());
            _users.Add(user);
        }
        else
        {
            user.Username = username;
        }

        var gatewayId = gateway.GetGrainId();
        if (!_gateways.TryGetValue(gatewayId, out var lease))
        {
            _gateways[gatewayId] = lease = new GatewayLease(gateway, leaseClock);
        }

        lease.Renew();
        lease.Connections.Add(connectionId);
        user.Connections.Add(connectionId);
        _connections[connectionId] = (user, gatewayId);
        return (user, isNew);
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
        if (entry.User.Connections.Count > 0)
        {
            return null;
        }

        _users.Remove(entry.User);
        return entry.User;
    }

    /// <summary>Renews a gateway's lease; false when this session holds none of its connections.</summary>
    public bool Renew(ISessionObserver gateway)
    {
        if (!_gateways.TryGetValue(gateway.GetGrainId(), out var lease))
        {
            return false;
        }

        lease.Renew();
        return true;
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

    private string NextColor()
    {
        foreach (var color in Palette)
        {
            if (!_users.Exists(u => u.Color == color))
            {
                return color;
            }
        }

        return Palette[_users.Count % Palette.Count];
    }

    private sealed class GatewayLease(ISessionObserver observer, TimeProvider clock)
    {
        private long _renewedAt = clock.GetTimestamp();

        public ISessionObserver Observer { get; } = observer;
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);
        public TimeSpan Age => clock.GetElapsedTime(_renewedAt);

        public void Renew() => _renewedAt = clock.GetTimestamp();
    }
}
