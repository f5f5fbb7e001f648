namespace Interview.Shared.Validation;

/// <summary>
/// What each key (a user, a client IP, a connection) did in the last window, sliding, against a limit.
/// Grains keep these, so a limit holds whichever gateways the requests came through; the browser keeps
/// one for runs, to say so before the server has to. Not System.Threading.RateLimiting's sliding
/// window: that one counts on the machine's clock, and tests move a TimeProvider instead of waiting.
/// </summary>
public sealed class RateWindow(int perWindow, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _entries = new(StringComparer.Ordinal);

    /// <summary>Counts one for the key; false, with how long until one is free, when the window is full.</summary>
    public bool TryTake(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (!_entries.TryGetValue(key, out var entries))
        {
            // Grows with use: sized to the limit up front, every connection would hold its whole budget
            // (19 KB at 1200 operations a minute) from its first message on, idle or not.
            _entries[key] = entries = new Queue<DateTimeOffset>();
        }

        while (entries.TryPeek(out var oldest) && oldest + window <= now)
        {
            entries.Dequeue();
        }

        if (entries.Count >= perWindow)
        {
            retryAfter = entries.Peek() + window - now;
            return false;
        }

        entries.Enqueue(now);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    public int TrackedKeys => _entries.Count;

    /// <summary>
    /// Drops keys with nothing inside the window. Leaving does not reset a user's budget (a reconnect
    /// would), so this is how a long session's memory stays bounded by its recent runners.
    /// </summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, entries) in _entries)
        {
            if (!entries.TryPeek(out var _) || entries.Last() + window <= now)
            {
                _entries.Remove(key);
            }
        }
    }
}
