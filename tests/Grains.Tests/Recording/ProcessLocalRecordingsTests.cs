using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Recording;

/// <summary>The in-memory recordings of test silos keep the stores' rules.</summary>
public sealed class ProcessLocalRecordingsTests : RecordingStoreContract
{
    private readonly ProcessLocalRecordings _recordings;

    public ProcessLocalRecordingsTests()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        _recordings = new ProcessLocalRecordings(Clock);
        Journal = new MemoryJournal(_recordings);
    }

    protected override FakeTimeProvider Clock { get; }
    protected override ISessionRecordings Recordings => _recordings;
    protected override ISessionJournal Journal { get; }

    protected override Task SweepAsync() => Task.CompletedTask; // forgotten as it is read past its retention
}
