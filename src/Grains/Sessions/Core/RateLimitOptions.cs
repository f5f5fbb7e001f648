namespace Interview.Grains.Sessions.Core;

/// <summary>
/// The rate limits (docs/protocol.md, "Limits", "Budgets and floods"): MAX_SESSIONS_PER_HOUR per client IP, MAX_EXECUTIONS_PER_MINUTE
/// per user, MAX_MESSAGES_PER_MINUTE (control messages) and MAX_OPERATIONS_PER_MINUTE (edits and cursor
/// moves, which the client batches) per connection and per user, MAX_PARTICIPANTS per session and
/// MAX_CONNECTIONS_PER_IP hub connections per client address.
/// </summary>
public sealed class RateLimitOptions
{
    public int SessionsPerHour { get; set; } = 5;

    public int ExecutionsPerMinute { get; set; } = 10;

    public int MessagesPerMinute { get; set; } = 100;

    public int OperationsPerMinute { get; set; } = 1200;

    /// <summary>MAX_PARTICIPANTS: users in one session (a user's several tabs count once).</summary>
    public int ParticipantsPerSession { get; set; } = 25;

    /// <summary>MAX_CONNECTIONS_PER_IP: hub connections open at once from one client address (an IPv6 /64).</summary>
    public int ConnectionsPerAddress { get; set; } = 100;

    public static TimeSpan Minute => TimeSpan.FromMinutes(1);

    public static TimeSpan Hour => TimeSpan.FromHours(1);
}
