using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Shared.Contracts;

namespace Interview.Grains.Storage;

/// <summary>
/// The embedded default's session journal, with RedisSessionJournal's semantics: per session, its
/// entries (JournalEntry.ToJson) and beside them the sequence number of the last one, which trimming
/// keeps. An append lands (with its recorded event, if any, in the same transaction) only as the next in sequence, checked and written in one transaction, so two
/// activations of one session (or two silos sharing DATA_DIR) never both write one place in its history.
/// </summary>
public sealed class SqliteSessionJournal(SqliteStore store) : ISessionJournal
{
    public async Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null)
    {
        var session = Key(sessionId);
        var json = entry.ToJson();
        var recordedJson = recorded is null ? null : RecordedEventJson.Write(recorded);
        var now = store.Now;
        var last = await store.WriteAsync(commands =>
        {
            var head = commands.For("SELECT last_sequence FROM journal_head WHERE session_id = $session");
            head.Parameters.AddWithValue("$session", session);
            var stored = head.ExecuteScalar() is long sequence ? sequence : 0;
            if (entry.Sequence != stored + 1)
            {
                return stored;
            }

            var insert = commands.For("INSERT INTO journal_entry (session_id, sequence, entry) VALUES ($session, $sequence, $entry)");
            insert.Parameters.AddWithValue("$session", session);
            insert.Parameters.AddWithValue("$sequence", entry.Sequence);
            insert.Parameters.AddWithValue("$entry", json);
            insert.ExecuteNonQuery();

            var advance = commands.For("""
                INSERT INTO journal_head (session_id, last_sequence, updated_at) VALUES ($session, $sequence, $now)
                ON CONFLICT (session_id) DO UPDATE SET last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
                """);
            advance.Parameters.AddWithValue("$session", session);
            advance.Parameters.AddWithValue("$sequence", entry.Sequence);
            advance.Parameters.AddWithValue("$now", now);
            advance.ExecuteNonQuery();
            if (recordedJson is not null)
            {
                SqliteSessionRecordings.Append(commands, session, recordedJson); // in the same transaction: recorded if and only if journaled
            }

            return -1L;
        });

        if (last >= 0)
        {
            throw new JournalConflictException(sessionId, entry.Sequence, last);
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId)
    {
        var session = Key(sessionId);
        return store.ReadAsync<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT sequence, entry FROM journal_entry WHERE session_id = $session ORDER BY sequence";
            select.Parameters.AddWithValue("$session", session);
            using var rows = select.ExecuteReader();
            var entries = new List<JournalEntry>();
            while (rows.Read())
            {
                // The row's own number, not the one in its JSON, and whatever the column holds: an entry
                // that is not what this store writes says so, for the replay to stop at.
                var bytes = rows.GetValue(1) as byte[] ?? [];
                entries.Add(JournalEntry.Read(bytes) with { Sequence = rows.GetInt64(0) });
            }

            return entries;
        });
    }

    /// <summary>Keeps the newest <paramref name="keep"/> entries (none for 0); the sequence goes on from the last.</summary>
    public Task TrimAsync(Guid sessionId, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var session = Key(sessionId);
        return store.WriteAsync(commands =>
        {
            var trim = commands.For("""
                DELETE FROM journal_entry WHERE session_id = $session
                    AND sequence <= (SELECT last_sequence FROM journal_head WHERE session_id = $session) - $keep
                """);
            trim.Parameters.AddWithValue("$session", session);
            trim.Parameters.AddWithValue("$keep", keep);
            return trim.ExecuteNonQuery();
        });
    }

    public Task DeleteAsync(Guid sessionId)
    {
        var session = Key(sessionId);
        return store.WriteAsync(commands => Delete(commands, session));
    }

    /// <summary>A session's whole journal, entries and last sequence (a deleted journal starts again at 1).</summary>
    internal static int Delete(WriteCommands commands, string session)
    {
        var entries = commands.For("DELETE FROM journal_entry WHERE session_id = $session");
        entries.Parameters.AddWithValue("$session", session);
        var removed = entries.ExecuteNonQuery();
        var head = commands.For("DELETE FROM journal_head WHERE session_id = $session");
        head.Parameters.AddWithValue("$session", session);
        return removed + head.ExecuteNonQuery();
    }

    private static string Key(Guid sessionId) => sessionId.ToString("N");
}
