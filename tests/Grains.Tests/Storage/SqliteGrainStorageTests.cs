using Interview.Grains.Sessions;
using Interview.Grains.Storage;
using Orleans.Storage;

namespace Interview.Grains.Tests.Storage;

/// <summary>Grain state in the embedded store: what the silo keeps a session in between restarts.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private static readonly GrainId Session = GrainId.Create("session", Guid.NewGuid().ToString("N"));
    private readonly TemporaryStore _folder = new();

    private SqliteGrainStorage Storage => TemporaryStore.GrainStorage(_folder.Store);

    private static SessionState Interview(string code, long revision) => new()
    {
        Created = true,
        Code = code,
        Language = "python",
        CreatedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero),
        LastActivity = new DateTimeOffset(2026, 3, 2, 9, 5, 0, 456, TimeSpan.Zero),
        Revision = revision,
        JournalSequence = revision + 1,
        Clients = new(StringComparer.Ordinal) { ["tab-a"] = new ClientProgress(7, revision) },
    };

    private static async Task<GrainState<SessionState>> ReadAsync(IGrainStorage storage, GrainId? grain = null, string state = "session")
    {
        var read = new GrainState<SessionState>(new SessionState());
        await storage.ReadStateAsync(state, grain ?? Session, read);
        return read;
    }

    [Fact]
    public async Task A_written_state_reads_back_whole_with_its_etag()
    {
        var written = new GrainState<SessionState>(Interview("print('hi')\n", 41));

        await Storage.WriteStateAsync("session", Session, written);
        var read = await ReadAsync(Storage);

        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        var state = read.State!;
        Assert.Equal(
            (true, "print('hi')\n", "python", written.State!.CreatedAt, written.State!.LastActivity, 41L, 42L, false),
            (state.Created, state.Code, state.Language, state.CreatedAt, state.LastActivity, state.Revision, state.JournalSequence, state.Expired));
        Assert.Equal(new ClientProgress(7, 41), state.Clients["tab-a"]);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_new_and_absent()
    {
        var read = await ReadAsync(Storage);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.False(read.State!.Created);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        await Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("first", 1)));
        var (one, other) = (await ReadAsync(Storage), await ReadAsync(Storage));

        one.State!.Code = "one activation's";
        await Storage.WriteStateAsync("session", Session, one);
        other.State!.Code = "a stale activation's";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("session", Session, other));

        Assert.Equal("one activation's", (await ReadAsync(Storage)).State!.Code);
        Assert.Equal(one.ETag, (await ReadAsync(Storage)).ETag);
    }

    [Fact]
    public async Task A_write_without_an_etag_over_a_stored_state_is_refused()
    {
        await Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("kept", 1)));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("a newcomer's", 0))));
        Assert.Equal("kept", (await ReadAsync(Storage)).State!.Code);
    }

    [Fact]
    public async Task Clear_removes_the_state_and_a_stale_clear_is_refused()
    {
        await Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("x", 1)));
        var stale = await ReadAsync(Storage);
        var current = await ReadAsync(Storage);
        await Storage.WriteStateAsync("session", Session, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("session", Session, stale));
        Assert.True((await ReadAsync(Storage)).RecordExists);

        await Storage.ClearStateAsync("session", Session, current);
        Assert.False(current.RecordExists);
        Assert.Null(current.ETag);
        Assert.False((await ReadAsync(Storage)).RecordExists);
        Assert.Equal(0L, _folder.Scalar("SELECT count(*) FROM grain_state"));

        await Storage.WriteStateAsync("session", Session, current); // a cleared state is written again as new
        Assert.True((await ReadAsync(Storage)).RecordExists);
    }

    [Fact]
    public async Task States_are_kept_apart_by_grain_and_by_state_name()
    {
        var other = GrainId.Create("session", Guid.NewGuid().ToString("N"));
        await Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("mine", 1)));
        await Storage.WriteStateAsync("session", other, new GrainState<SessionState>(Interview("theirs", 1)));
        await Storage.WriteStateAsync("draft", Session, new GrainState<SessionState>(Interview("my draft", 1)));

        Assert.Equal("mine", (await ReadAsync(Storage)).State!.Code);
        Assert.Equal("theirs", (await ReadAsync(Storage, other)).State!.Code);
        Assert.Equal("my draft", (await ReadAsync(Storage, state: "draft")).State!.Code);
    }

    [Fact]
    public async Task A_second_store_on_the_same_folder_reads_what_the_first_wrote()
    {
        var written = new GrainState<SessionState>(Interview(new string('x', 100 * 1024), 9)); // a full 100 KB session
        await Storage.WriteStateAsync("session", Session, written);

        var beside = TemporaryStore.GrainStorage(_folder.Open()); // while the first is still open: two silos on one DATA_DIR
        Assert.Equal(written.State!.Code, (await ReadAsync(beside)).State!.Code);

        _folder.Store.Dispose();
        var afterwards = TemporaryStore.GrainStorage(_folder.Open()); // after it closed: a restart
        var read = await ReadAsync(afterwards);
        Assert.Equal((written.State!.Code, 9L, written.ETag), (read.State!.Code, read.State!.Revision, read.ETag));
    }

    [Fact]
    public async Task A_closed_store_refuses_writes_instead_of_losing_them()
    {
        _folder.Store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Storage.WriteStateAsync("session", Session, new GrainState<SessionState>(Interview("late", 1))));
    }

    public void Dispose() => _folder.Dispose();
}
