using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Core;

/// <summary>Replaying journal entries onto a sequencer, as plain logic; the grain's side is in JournalReplayTests.</summary>
public class JournalReplayCoreTests
{
    private static JournalEntry Edit(long sequence, long revision, TextOperation operation, string clientId = "tab", long seq = 1) =>
        new(sequence, revision, operation, "ada", clientId, seq);

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

        var outcome = JournalReplay.Replay(sequencer, "javascript", stored: 9, entries);

        Assert.Equal(new ReplayOutcome("python", 12, 12, 3, null), outcome);
        Assert.Equal((6L, "abcd"), (sequencer.Revision, sequencer.Text));
        Assert.Equal(2, sequencer.History.LastSeqOf("tab"));
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

        var outcome = JournalReplay.Replay(sequencer, "javascript", stored: 2, entries);

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

        var outcome = JournalReplay.Replay(sequencer, "javascript", stored: 3, entries);

        Assert.Equal(new ReplayOutcome("javascript", 3, 3, 0, null), outcome);
        Assert.Null(sequencer.Since(0)); // revision 1 broke the chain: not kept
        Assert.Equal([2L, 3L], sequencer.Since(1)!.Select(u => u.Revision));
    }
}
