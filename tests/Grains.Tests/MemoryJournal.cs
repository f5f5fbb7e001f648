using System.Collections.Concurrent;
using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Shared.Contracts;

namespace Interview.Grains.Tests;

/// <summary>
/// A journal with the stores' rules (an append lands only as the next in sequence; entries are numbered
/// by the journal, not by what they say) kept in this process as the bytes a store would hold, so tests
/// can read what a session journaled and plant what an older version, or a changed store, might have
/// left there. Recorded events go to <see cref="ProcessLocalRecordings"/> as they are appended.
/// </summary>
public sealed class MemoryJournal(ProcessLocalRecordings recordings) : ISessionJournal
{
    private readonly ConcurrentDictionary<Guid, List<(long Sequence, byte[] Bytes)>> _sessions = new();

    public Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null)
    {
        var entries = _sessions.GetOrAdd(sessionId, _ => []);
        lock (entries)
        {
            var last = entries.Count == 0 ? 0 : entries[^1].Sequence;
            if (entry.Sequence != last + 1)
            {
                throw new JournalConflictException(sessionId, entry.Sequence, last);
            }

            entries.Add((entry.Sequence, entry.ToJson()));
            if (recorded is not null)
            {
                recordings.Append(sessionId, RecordedEventJson.Write(recorded)); // as a store does: in the same write
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>([.. Stored(sessionId).Select(stored => JournalEntry.Read(stored.Bytes) with { Sequence = stored.Sequence })]);

    public Task TrimAsync(Guid sessionId, int keep)
    {
        if (_sessions.TryGetValue(sessionId, out var entries))
        {
            lock (entries)
            {
                entries.RemoveRange(0, Math.Max(0, entries.Count - keep));
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(Guid sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }

    /// <summary>The session's entries as stored, oldest first.</summary>
    public IReadOnlyList<byte[]> Raw(Guid sessionId) => [.. Stored(sessionId).Select(stored => stored.Bytes)];

    /// <summary>The number of the session's last entry (0 for none).</summary>
    public long Last(Guid sessionId) => Stored(sessionId) is { Count: > 0 } stored ? stored[^1].Sequence : 0;

    /// <summary>Puts bytes into the journal behind the session's back, as the next entry.</summary>
    public void Plant(Guid sessionId, byte[] entry)
    {
        var entries = _sessions.GetOrAdd(sessionId, _ => []);
        lock (entries)
        {
            entries.Add(((entries.Count == 0 ? 0 : entries[^1].Sequence) + 1, entry));
        }
    }

    /// <summary>Replaces the bytes of the session's entry number <paramref name="sequence"/>, as a changed store would.</summary>
    public void Replace(Guid sessionId, long sequence, byte[] entry)
    {
        var entries = _sessions[sessionId];
        lock (entries)
        {
            var index = entries.FindIndex(stored => stored.Sequence == sequence);
            entries[index] = (sequence, entry);
        }
    }

    private List<(long Sequence, byte[] Bytes)> Stored(Guid sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var entries))
        {
            return [];
        }

        lock (entries)
        {
            return [.. entries];
        }
    }
}
