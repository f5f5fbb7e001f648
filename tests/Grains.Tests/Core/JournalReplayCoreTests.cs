using Interview.Shared.Contracts;
using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Core;

/// <summary>Replaying journal entries onto a sequencer, as plain logic; the grain's side is in JournalReplayTests.</summary>
public class JournalReplayCoreTests
{
    private static JournalEntry Edit(long sequence, long revision, TextOperation operation, string clientId = "tab", long seq = 1) =>
        new(sequence, revision, operation, "ada", clientId, seq);

    private static SessionTexts Texts(Sequencer code, Sequencer? notes = null) => new(code, notes ?? new Sequencer(document: Documents.Notes));

    [Fact]
    public void Notes_entries_replay_onto_the_notes_and_the_end_onto_the_session()
    {
        var (code, notes) = (new Sequencer("ab", revision: 4), new Sequencer("n", revision: 1, document: Documents.Notes));
        var endedAt = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        JournalEntry[] entries =
        [
            Edit(10, 5, new TextOperation.Builder().Retain(2).Insert("c").Build(), seq: 1),
            Edit(11, 2, new TextOperation.Builder().Retain(1).Insert("o").Build(), seq: 2) with { Document = Documents.Notes },
            new(12, 5, null, "ada", string.Empty, 0, EndedAt: endedAt, Username: "Ada"),
            Edit(13, 3, new TextOperation.Builder().Retain(2).Insert("!").Build(), seq: 3) with { Document = Documents.Notes },
        ];

        var outcome = JournalReplay.Replay(Texts(code, notes), "javascript", stored: 9, entries);

        Assert.Equal((13L, 4, (string?)null), (outcome.Applied, outcome.Replayed, outcome.Stop));
        Assert.Equal(new InterviewEnded("ada", "Ada", endedAt), outcome.Ending);
        Assert.Equal((5L, "abc"), (code.Revision, code.Text));
        Assert.Equal((3L, "no!"), (notes.Revision, notes.Text));
        Assert.Equal([Documents.Notes, Documents.Notes], notes.Since(1)!.Select(u => u.Document));
        Assert.Equal(3, notes.History.LastSeqOf("tab"));
        Assert.Equal(1, code.History.LastSeqOf("tab"));
    }

    [Fact]
    public void A_stored_end_stays_and_an_entry_of_an_unknown_document_stops_the_replay()
    {
        var ending = new InterviewEnded("ada", "Ada", DateTimeOffset.UnixEpoch);
        var code = new Sequencer("ab", revision: 1);
        JournalEntry[] entries = [Edit(3, 1, new TextOperation.Builder().Retain(2).Insert("c").Build()) with { Document = "secrets" }];

        var outcome = JournalReplay.Replay(Texts(code), "javascript", stored: 2, entries, ending);

        Assert.Equal(ending, outcome.Ending);
        Assert.StartsWith("entry 3 (after revision 1) names an unknown document 'secrets'", outcome.Stop);
        Assert.Equal("ab", code.Text);
    }

    [Fact]
    public void Entries_beyond_the_stored_state_are_applied_and_the_language_follows()
    {
        var sequencer = new Sequencer("ab", revision: 4);
        JournalEntry[] entries =
        [
            Edit(10, 5, new TextOperation.Builder().Retain(2).Insert("c").Build(), seq: 1),
            new(11, 5, null, "ada", string.Empty, 0, "python"),
            Edit(12, 6, new TextOperation.Builder().Retain(3).Insert("d").Build(), seq: 2),
        ];

        var outcome = JournalReplay.Replay(Texts(sequencer), "javascript", stored: 9, entries);

        Assert.Equal(new ReplayOutcome("python", 12, 12, 3, null), outcome);
        Assert.Equal((6L, "abcd"), (sequencer.Revision, sequencer.Text));
        Assert.Equal(2, sequencer.History.LastSeqOf("tab"));
    }

    [Fact]
    public void Input_entries_replay_to_the_last_one_and_an_oversized_one_stops_the_replay()
    {
        var sequencer = new Sequencer("ab", revision: 1);
        JournalEntry[] entries =
        [
            new(3, 1, null, "ada", string.Empty, 0, Input: "first"),
            new(4, 1, null, "ada", string.Empty, 0, "sql"),
            new(5, 1, null, "bob", string.Empty, 0, Input: "2\n1 2\n"),
        ];

        var outcome = JournalReplay.Replay(Texts(sequencer), "javascript", stored: 2, entries);
        var untouched = JournalReplay.Replay(Texts(new Sequencer("ab", revision: 1)), "javascript", stored: 2, [entries[1]]);
        var oversized = JournalReplay.Replay(
            Texts(new Sequencer("ab", revision: 1)), "javascript", stored: 2, [entries[0], new(4, 1, null, "ada", string.Empty, 0, Input: new string('x', 10 * 1024 + 1))]);

        Assert.Equal(new ReplayOutcome("sql", 5, 5, 3, null, Input: "2\n1 2\n"), outcome);
        Assert.Null(untouched.Input); // no input entry: the stored state's input stays
        Assert.Equal(("first", 3L), (oversized.Input, oversized.Applied));
        Assert.StartsWith("entry 4 (after revision 1) holds a program input over 10240 bytes", oversized.Stop);
    }

    [Fact]
    public void An_entry_that_does_not_apply_stops_the_replay_and_says_why()
    {
        var sequencer = new Sequencer("ab", revision: 1);
        JournalEntry[] entries =
        [
            Edit(3, 2, new TextOperation.Builder().Retain(2).Insert("c").Build()),
            Edit(4, 3, new TextOperation.Builder().Retain(99).Insert("x").Build(), seq: 2),
            Edit(5, 4, new TextOperation.Builder().Retain(3).Insert("d").Build(), seq: 3),
        ];

        var outcome = JournalReplay.Replay(Texts(sequencer), "javascript", stored: 2, entries);

        Assert.Equal((3L, 5L, 1), (outcome.Applied, outcome.Last, outcome.Replayed));
        Assert.StartsWith("entry 4 (after revision 2) does not apply", outcome.Stop);
        Assert.Equal((2L, "abc"), (sequencer.Revision, sequencer.Text));
    }

    [Fact]
    public void Entries_the_stored_state_holds_refill_the_history_as_far_as_they_chain_into_the_text()
    {
        var sequencer = new Sequencer("abc", revision: 3);
        JournalEntry[] entries =
        [
            Edit(1, 1, new TextOperation.Builder().Retain(5).Insert("?").Build()), // changed in the store: does not lead to the text
            Edit(2, 2, new TextOperation.Builder().Retain(1).Insert("b").Build(), seq: 2),
            Edit(3, 3, new TextOperation.Builder().Retain(2).Insert("c").Build(), seq: 3),
        ];

        var outcome = JournalReplay.Replay(Texts(sequencer), "javascript", stored: 3, entries);

        Assert.Equal(new ReplayOutcome("javascript", 3, 3, 0, null), outcome);
        Assert.Null(sequencer.Since(0)); // revision 1 broke the chain: not kept
        Assert.Equal([2L, 3L], sequencer.Since(1)!.Select(u => u.Revision));
    }
}
