namespace Interview.Grains.Sessions.Core;

/// <summary>
/// Cursor moves, at most one per user per <see cref="Interval"/>, and always the latest: a move that
/// comes sooner waits, replacing any move of that user already waiting, until the interval has passed.
/// However many tabs a user moves cursors in, the others receive at most 20 moves a second of theirs.
/// </summary>
public sealed class CursorPacing(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CursorMoved> _waiting = new(StringComparer.Ordinal);

    public bool AnyWaiting => _waiting.Count > 0;

    /// <summary>True when the move may go now (and counts as sent); otherwise it waits for <see cref="TakeDue"/>.</summary>
    public bool TryPass(CursorUpdate cursor, string fromConnection)
    {
        var now = clock.GetTimestamp();
        if (!_waiting.ContainsKey(cursor.UserId) && (!_sentAt.TryGetValue(cursor.UserId, out var sent) || clock.GetElapsedTime(sent, now) >= Interval))
        {
            _sentAt[cursor.UserId] = now;
            return true;
        }

        _waiting[cursor.UserId] = new CursorMoved(cursor, fromConnection);
        return false;
    }

    /// <summary>The waiting moves whose interval has passed, now counted as sent.</summary>
    public List<CursorMoved> TakeDue()
    {
        var now = clock.GetTimestamp();
        var due = new List<CursorMoved>();
        foreach (var (userId, waiting) in _waiting)
        {
            if (!_sentAt.TryGetValue(userId, out var sent) || clock.GetElapsedTime(sent, now) >= Interval)
            {
                due.Add(waiting);
                _sentAt[userId] = now;
                _waiting.Remove(userId);
            }
        }

        return due;
    }

    /// <summary>A user who left: their waiting move is dropped, so no cursor of theirs shows up after they have gone.</summary>
    public void Forget(string userId)
    {
        _waiting.Remove(userId);
        _sentAt.Remove(userId);
    }
}
