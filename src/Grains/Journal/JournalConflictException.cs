namespace Interview.Grains.Journal;

/// <summary>Another activation of the session journaled first: this one is stale and must end.</summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(Guid sessionId, long sequence, long last)
        : base($"Session {sessionId}'s journal is at entry {last}; entry {sequence} is not the next")
    {
    }
}
