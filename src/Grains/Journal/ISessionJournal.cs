using Interview.Shared.Contracts;

namespace Interview.Grains.Journal;

/// <summary>
/// A session's recent changes, appended before each is acknowledged (docs/architecture.md, "Durability and failover"). The grain's
/// whole state is written coalesced, about once a second; the journal holds what happened since, so a
/// silo that dies between two writes loses nothing anyone saw acknowledged.
/// </summary>
public interface ISessionJournal
{
    /// <summary>
    /// Appends <paramref name="entry"/> and, in the same store call, <paramref name="recorded"/> to the
    /// session's recording (unless that was deleted): a keystroke is journaled and recorded in one round trip.
    /// </summary>
    Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null);

    /// <summary>Every entry still kept, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId);

    /// <summary>Keeps the newest <paramref name="keep"/> entries (after a state write, for catching up rejoining clients).</summary>
    Task TrimAsync(Guid sessionId, int keep);

    Task DeleteAsync(Guid sessionId);
}
