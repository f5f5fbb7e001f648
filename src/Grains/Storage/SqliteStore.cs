using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interview.Grains.Storage;

/// <summary>
/// The embedded default's database: one SQLite file in DATA_DIR holding grain state and the session
/// journal (README, "Run it"). WAL with synchronous=FULL: a commit is on disk (fsynced) before the write
/// that asked for it completes, so a kill -9 or a power cut right after an acknowledgement loses nothing.
/// Writes go through one <see cref="StoreWriter"/> thread that commits in groups; reads (a grain's
/// activation) run on pooled connections of their own, which WAL lets read beside the writer.
/// </summary>
/// <param name="folder">DATA_DIR.</param>
/// <param name="clock">Stamps rows for retention (the session clock, so expiry and retention agree).</param>
/// <param name="steps">The schema; <see cref="StoreSchema.Steps"/> unless a test brings its own.</param>
public sealed class SqliteStore(string folder, TimeProvider clock, ILogger<SqliteStore>? logger = null, IReadOnlyList<SchemaStep>? steps = null)
    : IDisposable
{
    public const string FileName = "interview.db";

    private const int SweepBatch = 500;
    private readonly IReadOnlyList<SchemaStep> _steps = steps ?? StoreSchema.Steps;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(folder, FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30, // seconds a statement waits for another process's lock (DATA_DIR shared by local silos)
    }.ToString();

    private StoreWriter? _writer;
    private bool _closed;

    public string FilePath { get; } = Path.Combine(folder, FileName);
    public TimeProvider Clock { get; } = clock;

    /// <summary>Transactions committed so far, and the writes they held (their ratio is the average group commit).</summary>
    public (long Commits, long Writes) WriterCounts => _writer is { } writer ? (writer.Commits, writer.Jobs) : (0, 0);

    internal long Now => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private StoreWriter Writer => _writer
        ?? (_closed ? throw new ObjectDisposedException(nameof(SqliteStore), $"The store {FilePath} is closed") : throw new InvalidOperationException($"The store {FilePath} is not open"));

    /// <summary>Opens (creating or migrating) the database and starts the writer; a newer schema is refused.</summary>
    public static SqliteStore Open(string folder, TimeProvider clock, ILogger<SqliteStore>? logger = null, IReadOnlyList<SchemaStep>? steps = null)
    {
        var store = new SqliteStore(folder, clock, logger, steps);
        store.Open();
        return store;
    }

    public void Open()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_writer is not null)
        {
            return;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Kept in the file: every later connection is in WAL mode too. A folder whose file system cannot
            // hold WAL's shared memory (a network share) says so here rather than losing writes later.
            if (!string.Equals(Pragma(connection, "journal_mode = WAL"), "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"DATA_DIR: {FilePath} cannot use write-ahead logging; put DATA_DIR on a local disk");
            }

            Pragma(connection, "synchronous = FULL"); // fsync the WAL at every commit
            Pragma(connection, "busy_timeout = 10000");
            Pragma(connection, "journal_size_limit = 67108864"); // the WAL file shrinks back to 64 MB after a checkpoint
            // Up to 64 MiB of pages kept (SQLite's default is 2 MiB): each commit touches a page of every
            // session that typed since the last one, and with the default cache those were read back from the
            // file (2,900 preads a second under the shared bench, 5% of the gateway's CPU with the checksums).
            Pragma(connection, "cache_size = -65536");
            StoreSchema.Migrate(connection, _steps, FilePath);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writer = new StoreWriter(connection, _logger);
        _logger.LogInformation("Store {Path} open at schema version {Version}", FilePath, StoreSchema.Latest(_steps));
    }

    /// <summary>Runs <paramref name="work"/> in the writer's next transaction; completes once that is on disk.</summary>
    internal Task<T> WriteAsync<T>(Func<WriteCommands, T> work) => Writer.WriteAsync(work);

    /// <summary>
    /// Runs <paramref name="read"/> on a reader connection, off the caller's thread (Microsoft.Data.Sqlite's
    /// calls block). Readers see every committed write, hence every acknowledged one.
    /// </summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, T> read)
    {
        _ = Writer; // refuse reads of a closed store like writes
        return Task.Run(() =>
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return read(connection);
        });
    }

    /// <summary>
    /// Removes grain state not written since <paramref name="cutoff"/> and journals not appended to since
    /// then, a few hundred rows a transaction so typing in live sessions never waits long behind it.
    /// Answers how many rows went.
    /// </summary>
    public async Task<int> RemoveOlderThanAsync(DateTimeOffset cutoff)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        var removed = 0;
        int batch;
        do
        {
            batch = await WriteAsync(commands =>
            {
                var delete = commands.For("""
                    DELETE FROM grain_state WHERE rowid IN
                        (SELECT rowid FROM grain_state WHERE updated_at < $before LIMIT $limit)
                    """);
                delete.Parameters.AddWithValue("$before", before);
                delete.Parameters.AddWithValue("$limit", SweepBatch);
                return delete.ExecuteNonQuery();
            });
            removed += batch;
        }
        while (batch == SweepBatch);

        int sessions;
        do
        {
            (sessions, batch) = await WriteAsync(commands =>
            {
                var select = commands.For("SELECT session_id FROM journal_head WHERE updated_at < $before LIMIT $limit");
                select.Parameters.AddWithValue("$before", before);
                select.Parameters.AddWithValue("$limit", SweepBatch / 10);
                var expired = new List<string>();
                using (var rows = select.ExecuteReader())
                {
                    while (rows.Read())
                    {
                        expired.Add(rows.GetString(0));
                    }
                }

                return (expired.Count, expired.Sum(session => SqliteSessionJournal.Delete(commands, session)));
            });
            removed += batch;
        }
        while (sessions == SweepBatch / 10);

        return removed;
    }

    /// <summary>Removes the recordings (and tombstones) kept past their retention, a batch a transaction; answers how many rows went.</summary>
    public async Task<int> RemoveExpiredRecordingsAsync()
    {
        var removed = 0;
        int batch;
        while ((batch = await WriteAsync(commands => SqliteSessionRecordings.RemoveExpired(commands, Now))) > 0)
        {
            removed += batch;
        }

        return removed;
    }

    /// <summary>Commits what is queued and closes the database.</summary>
    public void Dispose()
    {
        _closed = true;
        var writer = Interlocked.Exchange(ref _writer, null);
        if (writer is null)
        {
            return;
        }

        writer.Dispose();
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled); // let go of the readers' file handles too
    }

    private static string? Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return command.ExecuteScalar()?.ToString();
    }
}
