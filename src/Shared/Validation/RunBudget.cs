namespace Interview.Shared.Validation;

/// <summary>
/// Each user's runs in the last window, sliding. The session's grain keeps one, so the limit holds for a
/// user whichever gateways their tabs came through (ASP.NET Core's rate limiter counts per process,
/// which is why this is not it); the browser keeps its own, to say so before the server has to.
/// </summary>
public sealed class RunBudget(int perWindow, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _runs = new(StringComparer.Ordinal);

    /// <summary>Counts a run for the user; false, with how long until one is free, when the window is full.</summary>
    public bool TryTake(string userId, DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (!_runs.TryGetValue(userId, out var runs))
        {
            _runs[userId] = runs = new Queue<DateTimeOffset>(perWindow);
        }

        while (runs.TryPeek(out var oldest) && oldest + window <= now)
        {
            runs.Dequeue();
        }

        if (runs.Count >= perWindow)
        {
            retryAfter = runs.Peek() + window - now;
            return false;
        }

        runs.Enqueue(now);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    public int TrackedUsers => _runs.Count;

    /// <summary>
    /// Drops users with no run inside the window. Leaving does not reset a user's budget (a reconnect
    /// would), so this is how a long session's memory stays bounded by its recent runners.
    /// </summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (userId, runs) in _runs)
        {
            if (!runs.TryPeek(out var _) || runs.Last() + window <= now)
            {
                _runs.Remove(userId);
            }
        }
    }
}
