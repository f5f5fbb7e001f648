namespace Interview.Grains.Sessions.Core;

/// <summary>
/// Per-user budgets a session counts (docs/protocol.md, "Budgets and floods"): the per-connection message
/// and operation budgets again, for all of a user's tabs together wherever they connect, and the runs a
/// user may share a minute. Each Take counts one; null when allowed, otherwise how long until it is.
/// </summary>
public sealed class SessionBudgets(RateLimitOptions limits)
{
    private readonly RateWindow _messages = new(limits.MessagesPerMinute, RateLimitOptions.Minute);
    private readonly RateWindow _operations = new(limits.OperationsPerMinute, RateLimitOptions.Minute);
    private readonly RateWindow _runs = new(limits.ExecutionsPerMinute, RateLimitOptions.Minute);

    public TimeSpan? TakeMessage(string userId, DateTimeOffset now) => Take(_messages, userId, now);

    /// <summary>Edits and cursor moves.</summary>
    public TimeSpan? TakeOperation(string userId, DateTimeOffset now) => Take(_operations, userId, now);

    public TimeSpan? TakeRun(string userId, DateTimeOffset now) => Take(_runs, userId, now);

    /// <summary>Forgets counts older than their window, so users who left cost nothing.</summary>
    public void Prune(DateTimeOffset now)
    {
        _runs.Prune(now);
        _messages.Prune(now);
        _operations.Prune(now);
    }

    private static TimeSpan? Take(RateWindow window, string userId, DateTimeOffset now) =>
        window.TryTake(userId, now, out var retryAfter) ? null : retryAfter;
}
