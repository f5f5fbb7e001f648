using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Storage;
using Interview.Grains.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Recording;

/// <summary>The embedded default's recordings, in the SQLite store beside the journal.</summary>
public sealed class SqliteRecordingsTests : RecordingStoreContract, IDisposable
{
    private readonly TemporaryStore _folder = new();

    protected override FakeTimeProvider Clock => _folder.Clock;
    protected override ISessionRecordings Recordings => new SqliteSessionRecordings(_folder.Store);
    protected override ISessionJournal Journal => new SqliteSessionJournal(_folder.Store);

    protected override async Task SweepAsync() => await _folder.Store.RemoveExpiredRecordingsAsync();

    [Fact]
    public async Task A_sweep_removes_long_recordings_in_batches_and_only_expired_ones()
    {
        var other = Guid.NewGuid();
        var store = new SqliteSessionRecordings(_folder.Store);
        await store.StartAsync(Session, new RecordingHeader(Clock.GetUtcNow(), "", "python", KeyHash, Clock.GetUtcNow() + TimeSpan.FromHours(1)));
        await store.StartAsync(other, new RecordingHeader(Clock.GetUtcNow(), "", "python", KeyHash, Clock.GetUtcNow() + TimeSpan.FromHours(3)));
        var recorded = new Interview.Shared.Contracts.RecordedEvent(Clock.GetUtcNow(), "leave", "u");
        await Task.WhenAll(Enumerable.Range(0, 12_000).Select(_ => store.RecordAsync(Session, recorded)));
        await store.RecordAsync(other, recorded);

        Clock.Advance(TimeSpan.FromHours(2));
        var removed = await _folder.Store.RemoveExpiredRecordingsAsync();

        Assert.Equal(12_001, removed); // the events and the header
        Assert.Equal(1L, _folder.Scalar("SELECT count(*) FROM recording_event"));
        Assert.NotNull(await store.ReadAsync(other, 0, 10, 1000));
    }

    public void Dispose() => _folder.Dispose();
}
