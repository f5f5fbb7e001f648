using Interview.Grains.Journal;
using Interview.Grains.Storage;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Storage;

/// <summary>The embedded default's session journal, with the Redis journal's rules.</summary>
public sealed class SqliteSessionJournalTests : IDisposable
{
    private readonly TemporaryStore _folder = new();
    private readonly Guid _session = Guid.NewGuid();

    private SqliteSessionJournal Journal => new(_folder.Store);

    private static JournalEntry Entry(long sequence, string text = "x", string? language = null) =>
        language is null
            ? new JournalEntry(sequence, sequence, new TextOperation.Builder().Insert(text).Build(), "user-1", "tab-a", sequence)
            : new JournalEntry(sequence, sequence - 1, null, "user-1", string.Empty, 0, language);

    private async Task<long[]> SequencesAsync(ISessionJournal journal, Guid? session = null) =>
        [.. (await journal.ReadAsync(session ?? _session)).Select(entry => entry.Sequence)];

    [Fact]
    public async Task Entries_are_read_back_as_appended_oldest_first()
    {
        var entries = new[] { Entry(1, "a"), Entry(2, language: "python"), Entry(3, "日本\r\n😀") };
        foreach (var entry in entries)
        {
            await Journal.AppendAsync(_session, entry);
        }

        Assert.Equal(entries, await Journal.ReadAsync(_session));
        Assert.Empty(await Journal.ReadAsync(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("'garbage'")] // a text where bytes belong
    [InlineData("12345")]
    [InlineData("X'00FF'")]
    [InlineData("CAST('{\"n\":1000000,\"r\":2,\"o\":[\"x\"],\"u\":\"u\",\"s\":1}' AS BLOB)")] // no tab, a number of its own
    public async Task A_row_changed_in_the_store_is_read_as_a_problem_under_its_own_number(string value)
    {
        await Journal.AppendAsync(_session, Entry(1));
        await Journal.AppendAsync(_session, Entry(2));
        _folder.Scalar($"UPDATE journal_entry SET entry = {value} WHERE session_id = '{_session:N}' AND sequence = 2");

        var entries = await Journal.ReadAsync(_session);

        Assert.Equal([1L, 2L], entries.Select(entry => entry.Sequence));
        Assert.Null(entries[0].Problem);
        Assert.NotNull(entries[1].Problem);
        await Journal.AppendAsync(_session, Entry(3)); // and the journal goes on after it
    }

    [Fact]
    public async Task An_append_that_is_not_the_next_in_sequence_is_refused_and_changes_nothing()
    {
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(_session, Entry(2))); // an empty journal starts at 1
        await Journal.AppendAsync(_session, Entry(1));
        await Journal.AppendAsync(_session, Entry(2));

        var again = await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(_session, Entry(2, "another activation's")));
        Assert.Contains("at entry 2", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(_session, Entry(4)));

        Assert.Equal(new long[] { 1, 2 }, await SequencesAsync(Journal));
        Assert.Equal("x", (await Journal.ReadAsync(_session))[1].Operation!.Apply(string.Empty));
        await Journal.AppendAsync(_session, Entry(3)); // the next one still lands
    }

    [Fact]
    public async Task Trim_keeps_the_newest_entries_and_the_sequence_goes_on_from_the_last()
    {
        for (var n = 1; n <= 10; n++)
        {
            await Journal.AppendAsync(_session, Entry(n));
        }

        await Journal.TrimAsync(_session, 3);
        Assert.Equal(new long[] { 8, 9, 10 }, await SequencesAsync(Journal));

        await Journal.TrimAsync(_session, 0);
        Assert.Empty(await Journal.ReadAsync(_session));
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(_session, Entry(1)));
        await Journal.AppendAsync(_session, Entry(11));
        Assert.Equal(new long[] { 11 }, await SequencesAsync(Journal));
    }

    [Fact]
    public async Task Delete_removes_a_journal_and_it_starts_again_at_one()
    {
        var other = Guid.NewGuid();
        await Journal.AppendAsync(_session, Entry(1));
        await Journal.AppendAsync(_session, Entry(2));
        await Journal.AppendAsync(other, Entry(1));

        await Journal.DeleteAsync(_session);

        Assert.Empty(await Journal.ReadAsync(_session));
        Assert.Equal(new long[] { 1 }, await SequencesAsync(Journal, other)); // other sessions keep theirs
        await Journal.AppendAsync(_session, Entry(1));
        Assert.Equal(new long[] { 1 }, await SequencesAsync(Journal));
    }

    [Fact]
    public async Task Two_stores_on_one_folder_racing_for_each_place_never_both_land()
    {
        // Two silos sharing DATA_DIR, each with an activation of one session: the journal lets exactly
        // one of them have each place in its history.
        var (first, second) = (Journal, new SqliteSessionJournal(_folder.Open()));
        var landed = new List<string>();
        for (var n = 1; n <= 100; n++)
        {
            var attempts = new[] { ("first", first.AppendAsync(_session, Entry(n, "1"))), ("second", second.AppendAsync(_session, Entry(n, "2"))) };
            foreach (var (who, attempt) in attempts)
            {
                try
                {
                    await attempt;
                    landed.Add(who);
                }
                catch (JournalConflictException)
                {
                }
            }

            Assert.Equal(n, landed.Count);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), await SequencesAsync(second));
    }

    [Fact]
    public async Task Appends_racing_from_many_sessions_are_all_kept_in_order()
    {
        // The load of 100 sessions typing at once: every append of every session lands, in its order.
        var sessions = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(sessions.Select(async session =>
        {
            for (var n = 1; n <= 20; n++)
            {
                await Journal.AppendAsync(session, Entry(n));
            }
        }));

        foreach (var session in sessions)
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), await SequencesAsync(Journal, session));
        }

        var (commits, writes) = _folder.Store.WriterCounts;
        Assert.Equal(2000, writes);
        Assert.True(commits < writes, $"{writes} appends from 100 sessions at once share commits ({commits} commits)");
    }

    [Fact]
    public async Task An_acknowledged_append_is_there_after_the_store_is_reopened()
    {
        await Journal.AppendAsync(_session, Entry(1, "kept"));
        _folder.Store.Dispose();

        var reopened = new SqliteSessionJournal(_folder.Open());

        Assert.Equal([Entry(1, "kept")], await reopened.ReadAsync(_session));
        await reopened.AppendAsync(_session, Entry(2));
    }

    public void Dispose() => _folder.Dispose();
}
