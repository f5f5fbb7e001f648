using Interview.Grains.Journal;
using Interview.Grains.Sessions;
using Interview.Grains.Storage;
using Interview.Shared.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Grains.Tests.Storage;

/// <summary>What a session leaves on disk goes a day after it can last no longer, as Redis's expiry does in cluster mode.</summary>
public sealed class StoreRetentionTests : IDisposable
{
    private readonly TemporaryStore _folder = new();

    private StoreLifetime Lifetime(TimeSpan maxSessionDuration) =>
        new(_folder.Store, Options.Create(new SessionLifetimeOptions { MaxSessionDuration = maxSessionDuration }), NullLogger<StoreLifetime>.Instance);

    private async Task<(GrainId Grain, Guid Session)> SessionAsync(string code)
    {
        var session = Guid.NewGuid();
        var grain = GrainId.Create("session", session.ToString("N"));
        await TemporaryStore.GrainStorage(_folder.Store).WriteStateAsync("session", grain, new GrainState<SessionState>(new SessionState { Created = true, Code = code }));
        await new SqliteSessionJournal(_folder.Store).AppendAsync(session, new JournalEntry(1, 1, new TextOperation.Builder().Insert(code).Build(), "u", "c", 1));
        return (grain, session);
    }

    private async Task<bool> KeptAsync((GrainId Grain, Guid Session) session)
    {
        var state = new GrainState<SessionState>(new SessionState());
        await TemporaryStore.GrainStorage(_folder.Store).ReadStateAsync("session", session.Grain, state);
        var journal = await new SqliteSessionJournal(_folder.Store).ReadAsync(session.Session);
        Assert.Equal(state.RecordExists, journal.Count > 0); // state and journal go together
        return state.RecordExists;
    }

    [Fact]
    public async Task A_sessions_rows_stay_a_day_past_the_maximum_duration_then_go()
    {
        var lifetime = Lifetime(TimeSpan.FromHours(4));
        Assert.Equal(TimeSpan.FromHours(28), lifetime.Retention);
        var old = await SessionAsync("old");
        _folder.Clock.Advance(TimeSpan.FromHours(20));
        var recent = await SessionAsync("recent");

        _folder.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        await lifetime.SweepAsync();
        Assert.True(await KeptAsync(old)); // 27:59 after its last write: still says "expired", not "not found"

        _folder.Clock.Advance(TimeSpan.FromMinutes(2));
        await lifetime.SweepAsync();
        Assert.False(await KeptAsync(old));
        Assert.True(await KeptAsync(recent));
        await new SqliteSessionJournal(_folder.Store).AppendAsync(old.Session, new JournalEntry(1, 1, null, "u", "c", 1, "python")); // its journal starts anew
    }

    [Fact]
    public async Task A_write_or_an_append_keeps_a_session_from_the_sweep()
    {
        var lifetime = Lifetime(TimeSpan.FromHours(4));
        var typing = await SessionAsync("typing");
        _folder.Clock.Advance(TimeSpan.FromHours(27));
        await new SqliteSessionJournal(_folder.Store).AppendAsync(typing.Session, new JournalEntry(2, 2, new TextOperation.Builder().Retain(6).Insert("!").Build(), "u", "c", 2));
        await TemporaryStore.GrainStorage(_folder.Store).WriteStateAsync("session", typing.Grain, await StoredAsync(typing.Grain));

        _folder.Clock.Advance(TimeSpan.FromHours(2));
        await lifetime.SweepAsync();

        Assert.True(await KeptAsync(typing));
    }

    [Fact]
    public async Task The_sweep_removes_more_than_one_batch()
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, 1200).Select(n => SessionAsync($"s{n}")));
        _folder.Clock.Advance(TimeSpan.FromDays(2));

        var removed = await _folder.Store.RemoveOlderThanAsync(_folder.Clock.GetUtcNow() - TimeSpan.FromDays(1));

        Assert.Equal(1200 * 3, removed); // a state, a journal entry and a journal head each
        Assert.Equal(0L, _folder.Scalar("SELECT count(*) FROM grain_state"));
        Assert.Equal(0L, _folder.Scalar("SELECT count(*) FROM journal_entry"));
        Assert.False(await KeptAsync(sessions[^1]));
    }

    private async Task<GrainState<SessionState>> StoredAsync(GrainId grain)
    {
        var state = new GrainState<SessionState>(new SessionState());
        await TemporaryStore.GrainStorage(_folder.Store).ReadStateAsync("session", grain, state);
        return state;
    }

    public void Dispose() => _folder.Dispose();
}
