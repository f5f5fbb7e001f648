using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using Microsoft.Data.Sqlite;

namespace Interview.Grains.Storage;

/// <summary>
/// The embedded default's recordings, in the store beside the journal (tables recording_head and
/// recording_event, StoreSchema step 2). Text changes reach them through SqliteSessionJournal's append,
/// in its transaction (<see cref="Append"/>); retention is the store's sweep (<see cref="RemoveExpired"/>).
/// </summary>
public sealed class SqliteSessionRecordings(SqliteStore store) : ISessionRecordings
{
    /// <summary>Rows a sweep or a deletion removes per transaction, so typing in live sessions never waits long behind it.</summary>
    private const int DeleteBatch = 5000;

    public Task StartAsync(Guid sessionId, RecordingHeader header)
    {
        var session = Key(sessionId);
        return store.WriteAsync(commands =>
        {
            var insert = commands.For("""
                INSERT INTO recording_head (session_id, created_at, code, language, key_hash, retain_until)
                VALUES ($session, $created, $code, $language, $key, $retain)
                """);
            insert.Parameters.AddWithValue("$session", session);
            insert.Parameters.AddWithValue("$created", header.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$code", header.Code);
            insert.Parameters.AddWithValue("$language", header.Language);
            insert.Parameters.AddWithValue("$key", header.InterviewerKeyHash);
            insert.Parameters.AddWithValue("$retain", header.RetainUntil.ToUnixTimeMilliseconds());
            return insert.ExecuteNonQuery();
        });
    }

    public Task RecordAsync(Guid sessionId, RecordedEvent recorded)
    {
        var (session, json) = (Key(sessionId), RecordedEventJson.Write(recorded));
        return store.WriteAsync(commands => Append(commands, session, json));
    }

    public Task CloseAsync(Guid sessionId, DateTimeOffset at, DateTimeOffset retainUntil, RecordedEvent ended)
    {
        var (session, json) = (Key(sessionId), RecordedEventJson.Write(ended));
        return store.WriteAsync(commands =>
        {
            if (!Append(commands, session, json))
            {
                return false;
            }

            var close = commands.For("""
                UPDATE recording_head SET retain_until = CASE WHEN ended_at IS NULL THEN $retain ELSE retain_until END, ended_at = COALESCE(ended_at, $at)
                WHERE session_id = $session
                """);
            close.Parameters.AddWithValue("$session", session);
            close.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            close.Parameters.AddWithValue("$retain", retainUntil.ToUnixTimeMilliseconds());
            return close.ExecuteNonQuery() > 0;
        });
    }

    public Task<RecordingSlice?> ReadAsync(Guid sessionId, long from, int maxEvents, int maxBytes)
    {
        var (session, now) = (Key(sessionId), store.Now);
        return store.ReadAsync(connection =>
        {
            // One read transaction: the header's count and the events agree.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var head = connection.CreateCommand();
            head.Transaction = transaction;
            head.CommandText = """
                SELECT created_at, code, language, key_hash, ended_at, retain_until, deleted, events
                FROM recording_head WHERE session_id = $session AND retain_until > $now
                """;
            head.Parameters.AddWithValue("$session", session);
            head.Parameters.AddWithValue("$now", now);
            RecordingHeader header;
            long total;
            using (var row = head.ExecuteReader())
            {
                if (!row.Read())
                {
                    return null;
                }

                header = new RecordingHeader(
                    DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(0)), row.GetString(1), row.GetString(2), (byte[])row.GetValue(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(5)),
                    row.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)),
                    row.GetInt64(6) != 0);
                total = row.GetInt64(7);
            }

            return new RecordingSlice(header, from, header.Deleted ? [] : Events(connection, transaction, session, from, maxEvents, maxBytes), total);
        });
    }

    public async Task<bool> DeleteAsync(Guid sessionId)
    {
        var session = Key(sessionId);
        var found = await store.WriteAsync(commands =>
        {
            var tombstone = commands.For("UPDATE recording_head SET deleted = 1, code = '', events = 0 WHERE session_id = $session");
            tombstone.Parameters.AddWithValue("$session", session);
            return tombstone.ExecuteNonQuery() > 0;
        });
        while (found && await store.WriteAsync(commands => DeleteEvents(commands, session)) == DeleteBatch)
        {
        }

        return found;
    }

    /// <summary>
    /// Appends <paramref name="json"/> as the next event of a live recording, inside the caller's
    /// transaction; false (nothing written) for a deleted recording or a session that has none.
    /// </summary>
    internal static bool Append(WriteCommands commands, string session, byte[] json)
    {
        var count = commands.For("UPDATE recording_head SET events = events + 1 WHERE session_id = $session AND deleted = 0 RETURNING events");
        count.Parameters.AddWithValue("$session", session);
        if (count.ExecuteScalar() is not long events)
        {
            return false;
        }

        var insert = commands.For("INSERT INTO recording_event (session_id, idx, event) VALUES ($session, $idx, $event)");
        insert.Parameters.AddWithValue("$session", session);
        insert.Parameters.AddWithValue("$idx", events - 1);
        insert.Parameters.AddWithValue("$event", json);
        insert.ExecuteNonQuery();
        return true;
    }

    /// <summary>Removes up to a batch of recordings kept past their retention, tombstones included; answers the rows removed.</summary>
    internal static int RemoveExpired(WriteCommands commands, long now)
    {
        var select = commands.For("SELECT session_id FROM recording_head WHERE retain_until <= $now LIMIT 1");
        select.Parameters.AddWithValue("$now", now);
        if (select.ExecuteScalar() is not string session)
        {
            return 0;
        }

        var removed = DeleteEvents(commands, session);
        if (removed < DeleteBatch)
        {
            var head = commands.For("DELETE FROM recording_head WHERE session_id = $session");
            head.Parameters.AddWithValue("$session", session);
            removed += head.ExecuteNonQuery();
        }

        return removed;
    }

    private static int DeleteEvents(WriteCommands commands, string session)
    {
        var delete = commands.For("""
            DELETE FROM recording_event WHERE session_id = $session
                AND idx < (SELECT coalesce(min(idx), 0) FROM recording_event WHERE session_id = $session) + $batch
            """);
        delete.Parameters.AddWithValue("$session", session);
        delete.Parameters.AddWithValue("$batch", DeleteBatch);
        return delete.ExecuteNonQuery();
    }

    private static List<byte[]> Events(SqliteConnection connection, SqliteTransaction transaction, string session, long from, int maxEvents, int maxBytes)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT event FROM recording_event WHERE session_id = $session AND idx >= $from ORDER BY idx LIMIT $limit";
        select.Parameters.AddWithValue("$session", session);
        select.Parameters.AddWithValue("$from", from);
        select.Parameters.AddWithValue("$limit", maxEvents);
        using var rows = select.ExecuteReader();
        var (events, bytes) = (new List<byte[]>(), 0);
        while (rows.Read())
        {
            var json = (byte[])rows.GetValue(0);
            if (events.Count > 0 && bytes + json.Length > maxBytes)
            {
                break;
            }

            events.Add(json);
            bytes += json.Length;
        }

        return events;
    }

    private static string Key(Guid sessionId) => sessionId.ToString("N");
}
