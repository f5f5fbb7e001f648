using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Interview.Grains.Storage;

/// <summary>
/// The store's tables, versioned by SQLite's <c>PRAGMA user_version</c>. Opening a database runs every
/// step above its version in one transaction; a database of a version above the last step was written by
/// a newer build, and is refused rather than read wrongly or "migrated" down.
/// </summary>
public static class StoreSchema
{
    /// <summary>The steps of this build, in order; the next one goes at the end.</summary>
    public static IReadOnlyList<SchemaStep> Steps { get; } =
    [
        new(1, "grain state and the session journal", """
            -- Orleans grain state: one row per grain and state name. updated_at (Unix ms) drives retention.
            CREATE TABLE grain_state (
                grain_id   TEXT    NOT NULL,
                state_name TEXT    NOT NULL,
                etag       TEXT    NOT NULL,
                data       BLOB    NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (grain_id, state_name)
            );
            CREATE INDEX grain_state_by_age ON grain_state (updated_at);

            -- A session's journal: the sequence number of its last entry (kept when entries are trimmed) ...
            CREATE TABLE journal_head (
                session_id    TEXT    NOT NULL PRIMARY KEY,
                last_sequence INTEGER NOT NULL,
                updated_at    INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX journal_head_by_age ON journal_head (updated_at);

            -- ... and its entries (JournalEntry.ToJson), oldest first by sequence.
            CREATE TABLE journal_entry (
                session_id TEXT    NOT NULL,
                sequence   INTEGER NOT NULL,
                entry      BLOB    NOT NULL,
                PRIMARY KEY (session_id, sequence)
            ) WITHOUT ROWID;
            """),
        new(2, "session recordings", """
            -- A session's recording (docs/protocol.md, "Recording and playback"): what it started with, who may
            -- read it (the interviewer key's SHA-256), its end, until when it is kept (Unix ms), whether it was
            -- deleted (a tombstone: nothing more is recorded) and how many events it holds ...
            CREATE TABLE recording_head (
                session_id   TEXT    NOT NULL PRIMARY KEY,
                created_at   INTEGER NOT NULL,
                code         TEXT    NOT NULL,
                language     TEXT    NOT NULL,
                key_hash     BLOB    NOT NULL,
                ended_at     INTEGER,
                retain_until INTEGER NOT NULL,
                deleted      INTEGER NOT NULL DEFAULT 0,
                events       INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            CREATE INDEX recording_head_by_retention ON recording_head (retain_until);

            -- ... and its events (RecordedEventJson.Write), numbered from 0 in the session's order.
            CREATE TABLE recording_event (
                session_id TEXT    NOT NULL,
                idx        INTEGER NOT NULL,
                event      BLOB    NOT NULL,
                PRIMARY KEY (session_id, idx)
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary>The version a database is at once <paramref name="steps"/> have run.</summary>
    public static int Latest(IReadOnlyList<SchemaStep> steps) => steps.Count == 0 ? 0 : steps[^1].Version;

    /// <summary>
    /// Brings the database on <paramref name="connection"/> up to the last of <paramref name="steps"/>.
    /// Several processes may open one database at once (README, "Configuration", DATA_DIR): the version is
    /// read inside the write transaction, so only one of them migrates and the others see its result.
    /// </summary>
    public static void Migrate(SqliteConnection connection, IReadOnlyList<SchemaStep> steps, string path)
    {
        Check(steps);
        var latest = Latest(steps);
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Version(connection, transaction);
        if (version > latest)
        {
            throw new StoreSchemaException(
                $"The database {path} (DATA_DIR) is at schema version {version}, newer than this build's {latest}: " +
                "a newer Interview wrote it. Run that version, or point DATA_DIR at another folder.");
        }

        foreach (var step in steps.Where(step => step.Version > version))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = step.Sql;
            command.ExecuteNonQuery();
        }

        if (latest != version)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"PRAGMA user_version = {latest.ToString(CultureInfo.InvariantCulture)}";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static int Version(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Check(IReadOnlyList<SchemaStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new ArgumentException($"Schema steps must be numbered 1, 2, 3, ... in order; step {i + 1} says {steps[i].Version}", nameof(steps));
            }
        }
    }
}
