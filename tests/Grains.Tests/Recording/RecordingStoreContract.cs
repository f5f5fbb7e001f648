using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Recording;

/// <summary>
/// What every recordings store does (docs/protocol.md, "Recording and playback"): events in order, text
/// changes recorded by the journal's append, pages, a tombstone that records nothing more, retention.
/// </summary>
public abstract class RecordingStoreContract
{
    protected static readonly byte[] KeyHash = [1, 2, 3, 4];
    protected readonly Guid Session = Guid.NewGuid();

    protected abstract FakeTimeProvider Clock { get; }
    protected abstract ISessionRecordings Recordings { get; }
    protected abstract ISessionJournal Journal { get; }

    /// <summary>Removes what retention has let go of, as the store's own sweep would.</summary>
    protected abstract Task SweepAsync();

    private DateTimeOffset Now => Clock.GetUtcNow();

    private Task StartAsync(TimeSpan? keep = null) =>
        Recordings.StartAsync(Session, new RecordingHeader(Now, "// start", "javascript", KeyHash, Now + (keep ?? TimeSpan.FromHours(5))));

    private static JournalEntry Entry(long sequence) =>
        new(sequence, sequence, new TextOperation.Builder().Retain(8).Insert("x").Build(), "u1", "tab", sequence);

    private RecordedEvent Typed(long revision) =>
        new(Now, RecordedEventTypes.Operation, "u1") { Revision = revision, Operation = new TextOperation.Builder().Retain(8).Insert("x").Build() };

    [Fact]
    public async Task Events_come_back_in_the_order_recorded_whichever_way_they_were_written()
    {
        await StartAsync();
        await Recordings.RecordAsync(Session, new RecordedEvent(Now, RecordedEventTypes.Join, "u1") { Username = "Ada", Color = "#fff", Role = Roles.Interviewer });
        await Journal.AppendAsync(Session, Entry(1), Typed(1));
        await Journal.AppendAsync(Session, Entry(2)); // journaled, nothing recorded
        await Recordings.RecordAsync(Session, new RecordedEvent(Now, RecordedEventTypes.Run, "u1") { Output = "日本 😀", Success = true, Revision = 1 });
        await Journal.AppendAsync(Session, Entry(3), Typed(3));

        var slice = (await Recordings.ReadAsync(Session, 0, 100, 1 << 20))!;

        Assert.Equal(4, slice.Total);
        Assert.Null(slice.Next);
        var events = slice.Events.Select(json => RecordedEventJson.Read(json)).ToList();
        Assert.Equal(["join", "operation", "run", "operation"], events.Select(e => e.Type));
        Assert.Equal([1L, 3L], events.Where(e => e.Type == "operation").Select(e => e.Revision!.Value));
        Assert.Equal("日本 😀", events[2].Output);
        Assert.Equal(("// start", "javascript"), (slice.Header.Code, slice.Header.Language));
        Assert.Equal(KeyHash, slice.Header.InterviewerKeyHash);
        Assert.Null(slice.Header.EndedAt);
    }

    [Fact]
    public async Task A_recorded_sql_runs_tables_come_back_cell_for_cell_and_other_runs_have_none()
    {
        await StartAsync();
        ResultTable table = new(["dept", "n"], [["eng", "2"], ["ops", null]], 1500, null);
        var run = new ExecutionResult(Languages.Sql, true, "dept | n", null, 3, [], Tables: [table]);
        var other = new ExecutionResult(Languages.JavaScript, true, "1", null, 3, []);
        await Recordings.RecordAsync(Session, RecordedEvents.Run(new RunShared("u1", "Ada", run), 1, Now));
        await Recordings.RecordAsync(Session, RecordedEvents.Run(new RunShared("u1", "Ada", other), 1, Now));

        var slice = (await Recordings.ReadAsync(Session, 0, 100, 1 << 20))!;

        var events = slice.Events.Select(json => RecordedEventJson.Read(json)).ToList();
        var back = Assert.Single(events[0].Tables!);
        Assert.Equal(table.Columns, back.Columns);
        Assert.Equal((1500L, (int?)null), (back.RowCount, back.Line));
        Assert.Equal(table.Rows, back.Rows);
        Assert.Null(events[1].Tables);
        Assert.DoesNotContain("tables", System.Text.Encoding.UTF8.GetString(slice.Events[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_come_in_slices_of_at_most_the_count_and_about_the_bytes_asked_for()
    {
        await StartAsync();
        for (var i = 1; i <= 25; i++)
        {
            await Journal.AppendAsync(Session, Entry(i), Typed(i));
        }

        var first = (await Recordings.ReadAsync(Session, 0, 10, 1 << 20))!;
        var second = (await Recordings.ReadAsync(Session, first.Next!.Value, 10, 1 << 20))!;
        var last = (await Recordings.ReadAsync(Session, second.Next!.Value, 10, 1 << 20))!;
        var byBytes = (await Recordings.ReadAsync(Session, 0, 1000, first.Events[0].Length * 3))!;
        var tiny = (await Recordings.ReadAsync(Session, 0, 1000, 1))!;

        Assert.Equal((10, 10L), (first.Events.Count, first.Next));
        Assert.Equal((10, 20L), (second.Events.Count, second.Next));
        Assert.Equal((5, (long?)null), (last.Events.Count, last.Next));
        Assert.Equal(25, new[] { first, second, last }.SelectMany(s => s.Events).Select(json => RecordedEventJson.Read(json).Revision).Distinct().Count());
        Assert.Equal(3, byBytes.Events.Count);
        Assert.Single(tiny.Events); // at least one, however large
    }

    [Fact]
    public async Task A_deleted_recording_records_nothing_more_and_reads_as_deleted()
    {
        await StartAsync();
        await Journal.AppendAsync(Session, Entry(1), Typed(1));

        Assert.True(await Recordings.DeleteAsync(Session));
        await Journal.AppendAsync(Session, Entry(2), Typed(2)); // the journal goes on: the session still needs it
        await Recordings.RecordAsync(Session, new RecordedEvent(Now, RecordedEventTypes.Leave, "u1") { Username = "Ada" });
        await Recordings.CloseAsync(Session, Now, Now + TimeSpan.FromDays(1), new RecordedEvent(Now, RecordedEventTypes.Ended, null) { Reason = "expired" });

        var slice = (await Recordings.ReadAsync(Session, 0, 100, 1 << 20))!;
        Assert.True(slice.Header.Deleted);
        Assert.Empty(slice.Events);
        Assert.Equal(string.Empty, slice.Header.Code);
        Assert.Equal(2, (await Journal.ReadAsync(Session)).Count);
        Assert.False(await Recordings.DeleteAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_session_without_a_recording_records_nothing_and_has_none()
    {
        await Journal.AppendAsync(Session, Entry(1), Typed(1));
        await Recordings.RecordAsync(Session, new RecordedEvent(Now, RecordedEventTypes.Leave, "u1"));

        Assert.Null(await Recordings.ReadAsync(Session, 0, 100, 1 << 20));
    }

    [Fact]
    public async Task A_closed_recording_is_kept_until_its_retention_then_it_is_gone()
    {
        await StartAsync(keep: TimeSpan.FromHours(5));
        await Journal.AppendAsync(Session, Entry(1), Typed(1));
        var end = Now;
        await Recordings.CloseAsync(Session, end, end + TimeSpan.FromDays(30), new RecordedEvent(end, RecordedEventTypes.Ended, "u1") { Reason = "interviewer" });

        Clock.Advance(TimeSpan.FromHours(4));
        await Recordings.CloseAsync(Session, Now, Now + TimeSpan.FromDays(30), new RecordedEvent(Now, RecordedEventTypes.Ended, null) { Reason = "expired" }); // the expiry after the end moves nothing
        Clock.Advance(TimeSpan.FromDays(29) - TimeSpan.FromHours(4)); // well past the first deadline: closing moved it
        await SweepAsync();
        var kept = (await Recordings.ReadAsync(Session, 0, 100, 1 << 20))!;
        Assert.Equal(3, kept.Events.Count);
        Assert.Equal(end.ToUnixTimeMilliseconds(), kept.Header.EndedAt!.Value.ToUnixTimeMilliseconds());

        Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        Assert.Null(await Recordings.ReadAsync(Session, 0, 100, 1 << 20));
    }

    [Fact]
    public async Task A_recording_never_closed_goes_at_its_first_deadline()
    {
        await StartAsync(keep: TimeSpan.FromHours(5));
        await Journal.AppendAsync(Session, Entry(1), Typed(1));

        Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync();

        Assert.Null(await Recordings.ReadAsync(Session, 0, 100, 1 << 20));
    }
}
