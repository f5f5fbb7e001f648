using Interview.Grains.Journal;
using Interview.Grains.Sessions;
using Interview.Grains.Storage;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Storage;

/// <summary>The store's schema version: a new database at the latest, an older one migrated, a newer one refused.</summary>
public sealed class StoreSchemaTests : IDisposable
{
    /// <summary>A next step as a later issue might add it.</summary>
    private static readonly SchemaStep Future = new(3, "run history", """
        CREATE TABLE run_history (session_id TEXT NOT NULL, at INTEGER NOT NULL, run BLOB NOT NULL, PRIMARY KEY (session_id, at)) WITHOUT ROWID;
        ALTER TABLE journal_head ADD COLUMN runs INTEGER NOT NULL DEFAULT 0;
        """);

    /// <summary>The first version's schema, as databases written before recordings have it.</summary>
    private static readonly IReadOnlyList<SchemaStep> Version1 = [StoreSchema.Steps[0]];

    private readonly TemporaryStore _folder = new();

    [Fact]
    public void A_new_database_is_made_in_DATA_DIR_at_the_latest_version_in_WAL_mode()
    {
        Assert.True(File.Exists(Path.Combine(_folder.Folder, SqliteStore.FileName)));
        Assert.Equal((long)StoreSchema.Latest(StoreSchema.Steps), _folder.Scalar("PRAGMA user_version"));
        Assert.Equal("wal", _folder.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task An_older_database_is_migrated_and_keeps_what_it_held()
    {
        var session = Guid.NewGuid();
        var grain = GrainId.Create("session", session.ToString("N"));
        _folder.Store.Dispose();
        foreach (var file in Directory.GetFiles(_folder.Folder))
        {
            File.Delete(file); // a database as the first version made it
        }

        var v1 = _folder.Open(Version1);
        await TemporaryStore.GrainStorage(v1).WriteStateAsync("session", grain, new GrainState<SessionState>(new SessionState { Created = true, Code = "kept" }));
        await new SqliteSessionJournal(v1).AppendAsync(session, new JournalEntry(1, 1, new TextOperation.Builder().Insert("a").Build(), "u", "c", 1));
        v1.Dispose();

        var v2 = _folder.Open(StoreSchema.Steps);

        Assert.Equal(2L, _folder.Scalar("PRAGMA user_version"));
        var read = new GrainState<SessionState>(new SessionState());
        await TemporaryStore.GrainStorage(v2).ReadStateAsync("session", grain, read);
        Assert.Equal("kept", read.State!.Code);
        Assert.Single(await new SqliteSessionJournal(v2).ReadAsync(session));
        Assert.Equal(0L, _folder.Scalar("SELECT count(*) FROM recording_head")); // sessions of before have no recording
        await new SqliteSessionJournal(v2).AppendAsync(session, new JournalEntry(2, 2, new TextOperation.Builder().Retain(1).Insert("b").Build(), "u", "c", 2));
    }

    [Fact]
    public void Opening_a_migrated_database_again_changes_nothing()
    {
        _folder.Store.Dispose();
        _folder.Open([.. StoreSchema.Steps, Future]).Dispose();

        _folder.Open([.. StoreSchema.Steps, Future]); // would fail if step 3 ran twice (the table exists)

        Assert.Equal(3L, _folder.Scalar("PRAGMA user_version"));
    }

    [Fact]
    public void A_database_of_a_newer_build_is_refused_with_a_message_naming_DATA_DIR()
    {
        _folder.Store.Dispose();
        _folder.Open([.. StoreSchema.Steps, Future]).Dispose();

        var refusal = Assert.Throws<StoreSchemaException>(() => _folder.Open(StoreSchema.Steps));

        Assert.Contains("DATA_DIR", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 3, newer than this build's 2", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(3L, _folder.Scalar("PRAGMA user_version")); // left as it was
    }

    [Fact]
    public void Steps_must_be_numbered_in_order()
    {
        _folder.Store.Dispose();

        Assert.Throws<ArgumentException>(() => _folder.Open([Future]));
    }

    public void Dispose() => _folder.Dispose();
}
