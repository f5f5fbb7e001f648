namespace Interview.Grains.Sessions.Core;

/// <summary>
/// When a session ends (docs/protocol.md, "Session lifetime"): at its maximum duration after creation,
/// and, while nobody is in it, after SESSION_TIMEOUT without activity. Presence counts as activity: an
/// interview where people talk and nobody types for half an hour must not vanish under them. Also which
/// session-expiring warnings are due: once each, ten and one minutes before the maximum duration.
/// </summary>
public sealed class SessionLifetime(TimeProvider clock, SessionLifetimeOptions options)
{
    /// <summary>Everyone present is told this many minutes before the maximum duration ends the session.</summary>
    public static readonly IReadOnlyList<int> ExpiryWarnings = [10, 1];

    // Kept in memory only: a new activation may warn once more.
    private int _warnedMinutesLeft = int.MaxValue;

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastActivity { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The maximum duration's end, whoever is present.</summary>
    public DateTimeOffset ExpiresAt => CreatedAt + options.MaxSessionDuration;

    /// <summary>Takes up a session's times: a new one's, or those stored by an earlier activation.</summary>
    public void Start(DateTimeOffset createdAt, DateTimeOffset lastActivity) => (CreatedAt, LastActivity) = (createdAt, lastActivity);

    public void Touch() => LastActivity = Now;

    public DateTimeOffset Deadline(bool empty)
    {
        var idleDeadline = LastActivity + options.SessionTimeout;
        return empty && idleDeadline < ExpiresAt ? idleDeadline : ExpiresAt;
    }

    public bool IsOver(bool empty) => Now >= Deadline(empty);

    /// <summary>The warning due now, if one is, counted as given; a warning passed over meanwhile is not given late.</summary>
    public SessionExpiringSoon? WarningDue()
    {
        var (now, expiresAt) = (Now, ExpiresAt);
        var due = ExpiryWarnings.Where(minutes => minutes < _warnedMinutesLeft && expiresAt - now <= TimeSpan.FromMinutes(minutes)).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        _warnedMinutesLeft = due.Min();
        return new SessionExpiringSoon(expiresAt, (int)Math.Ceiling(Math.Max(0, (expiresAt - now).TotalMinutes)));
    }
}
