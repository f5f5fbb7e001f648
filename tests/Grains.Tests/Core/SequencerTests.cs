using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;

namespace Interview.Grains.Tests.Core;

/// <summary>The sequencer on its own: prepare, apply, transform, at most once, resync and the limits; no cluster.</summary>
public class SequencerTests
{
    private static Submission Insert(string clientId, long seq, long revision, int at, string text, int length) =>
        new(clientId, seq, revision, new TextOperation.Builder().Retain(at).Insert(text).Retain(length - at).Build());

    private static OperationApplied ApplyReady(Sequencer sequencer, string userId, Submission submission) =>
        sequencer.Apply(Assert.IsType<Ready>(sequencer.Prepare(userId, submission)));

    [Fact]
    public void Prepare_changes_nothing_and_apply_makes_the_next_revision()
    {
        var sequencer = new Sequencer("abc");

        var ready = Assert.IsType<Ready>(sequencer.Prepare("ada", Insert("tab", 1, 0, 3, "d", 3)));
        Assert.Equal((0L, "abc"), (sequencer.Revision, sequencer.Text));
        Assert.Equal(new OperationUpdate(1, ready.Update.Operation, "ada", "tab", 1), ready.Update);

        var applied = sequencer.Apply(ready);
        Assert.Equal((1L, "abcd"), (sequencer.Revision, sequencer.Text));
        Assert.Equal(ready.Update, applied.Update);
        Assert.Null(applied.Text);
        Assert.Equal([ready.Update], sequencer.Since(0)!);
    }

    [Fact]
    public void Apply_carries_the_whole_text_only_when_asked()
    {
        var sequencer = new Sequencer("ab");
        var ready = Assert.IsType<Ready>(sequencer.Prepare("ada", Insert("tab", 1, 0, 0, "x", 2)));

        Assert.Equal("xab", sequencer.Apply(ready, withText: true).Text);
    }

    [Fact]
    public void A_submission_made_against_an_older_revision_is_transformed_past_what_came_since()
    {
        var sequencer = new Sequencer("ab");
        ApplyReady(sequencer, "ada", Insert("ada-tab", 1, 0, 0, "1", 2)); // "1ab"

        var late = ApplyReady(sequencer, "bob", Insert("bob-tab", 1, 0, 2, "2", 2)); // made on "ab": after the b

        Assert.Equal((2L, "1ab2"), (sequencer.Revision, sequencer.Text));
        Assert.Equal(2, late.Update.Revision);
    }

    [Fact]
    public void A_repeat_is_answered_with_the_revision_it_made_and_applied_once()
    {
        var sequencer = new Sequencer("");
        var submission = Insert("tab", 1, 0, 0, "x", 0);
        ApplyReady(sequencer, "ada", submission);
        ApplyReady(sequencer, "bob", Insert("bob-tab", 1, 1, 1, "y", 1));

        Assert.Equal(new Repeated(1), sequencer.Prepare("ada", submission));
        Assert.Equal((2L, "xy"), (sequencer.Revision, sequencer.Text));
    }

    [Fact]
    public void Another_participants_client_id_is_refused()
    {
        var sequencer = new Sequencer("");
        ApplyReady(sequencer, "ada", Insert("ada-tab", 1, 0, 0, "x", 0));

        Assert.Equal(new Refused(Refusal.ForeignClient), sequencer.Prepare("mallory", Insert("ada-tab", 2, 1, 0, "m", 1)));
        Assert.Equal(1, sequencer.Revision);
    }

    [Fact]
    public void A_revision_the_history_no_longer_reaches_asks_for_a_resync()
    {
        var sequencer = new Sequencer("", history: new OperationHistory(maxCount: 2));
        for (var seq = 1; seq <= 3; seq++)
        {
            ApplyReady(sequencer, "ada", Insert("ada-tab", seq, seq - 1, seq - 1, "x", seq - 1));
        }

        Assert.Equal(new Refused(Refusal.Resync), sequencer.Prepare("bob", Insert("bob-tab", 1, 0, 0, "y", 0)));
        Assert.Equal(new Refused(Refusal.Resync), sequencer.Prepare("bob", Insert("bob-tab", 1, 4, 0, "y", 3))); // from the future
        Assert.IsType<Ready>(sequencer.Prepare("bob", Insert("bob-tab", 1, 1, 0, "y", 1)));
    }

    [Fact]
    public void A_seq_below_the_tabs_last_that_the_history_no_longer_holds_asks_for_a_resync()
    {
        var sequencer = new Sequencer("", history: new OperationHistory(maxCount: 1));
        ApplyReady(sequencer, "ada", Insert("tab", 1, 0, 0, "a", 0));
        ApplyReady(sequencer, "ada", Insert("tab", 2, 1, 1, "b", 1));
        ApplyReady(sequencer, "ada", Insert("tab", 3, 2, 2, "c", 2));

        Assert.Equal(new Refused(Refusal.Resync), sequencer.Prepare("ada", Insert("tab", 1, 0, 0, "a", 0)));
    }

    [Fact]
    public void Transforms_past_the_work_budget_ask_for_a_resync_and_use_nothing_up()
    {
        const int start = 200;
        var sequencer = new Sequencer(new string('.', start));
        for (var seq = 1; seq <= 1000; seq++)
        {
            ApplyReady(sequencer, "ada", Insert("ada-tab", seq, seq - 1, 0, "a", start + seq - 1));
        }

        // About 300 components crossing 1000 operations: past the budget, however cheap each step.
        var submission = new Submission("bob-tab", 1, 0, Alternating(150, start));
        Assert.True(submission.Operation.Components.Count * 1000L > Sequencer.MaxTransformWork);
        Assert.Equal(new Refused(Refusal.Resync), sequencer.Prepare("bob", submission));
        Assert.Equal(1000, sequencer.Revision);
        Assert.Null(sequencer.History.LastSeqOf("bob-tab")); // nothing used up: the tab may send it again from the head

        var atHead = submission with { Revision = 1000, Operation = Alternating(150, start + 1000) };
        Assert.IsType<Ready>(sequencer.Prepare("bob", atHead));
    }

    /// <summary>An operation on a text of <paramref name="length"/>: <paramref name="count"/> inserts, each before one retained character.</summary>
    private static TextOperation Alternating(int count, int length)
    {
        var operation = new TextOperation.Builder();
        for (var i = 0; i < count; i++)
        {
            operation.Insert("b").Retain(1);
        }

        return operation.Retain(length - count).Build();
    }

    [Fact]
    public void An_operation_that_would_pass_the_code_limit_is_refused()
    {
        var sequencer = new Sequencer(new string('x', Limits.MaxCodeBytes - 1));

        Assert.IsType<Ready>(sequencer.Prepare("ada", Insert("tab", 1, 0, 0, "y", Limits.MaxCodeBytes - 1)));
        Assert.Equal(new Refused(Refusal.TooLarge), sequencer.Prepare("ada", Insert("tab", 1, 0, 0, "yz", Limits.MaxCodeBytes - 1)));
        Assert.Equal(0, sequencer.Revision);
    }

    [Fact]
    public void An_operation_that_does_not_fit_the_text_is_refused_with_why()
    {
        var sequencer = new Sequencer("abc");

        var refused = Assert.IsType<Refused>(sequencer.Prepare("ada", new Submission("tab", 1, 0, new TextOperation.Builder().Retain(10).Build())));
        Assert.Equal(Refusal.DoesNotApply, refused.Reason);
        Assert.False(string.IsNullOrEmpty(refused.Detail));
    }

    [Fact]
    public void A_full_text_change_becomes_an_operation_at_the_head_with_no_tab()
    {
        var sequencer = new Sequencer("let x = 1;", revision: 7);

        var ready = sequencer.PrepareText("let y = 1;", "ada");
        Assert.Equal((8L, "ada", "", 0L), (ready.Update.Revision, ready.Update.UserId, ready.Update.ClientId, ready.Update.Seq));
        Assert.Equal("let y = 1;", ready.Update.Operation.Apply("let x = 1;"));

        sequencer.Apply(ready);
        Assert.Equal((8L, "let y = 1;"), (sequencer.Revision, sequencer.Text));
        Assert.Null(sequencer.History.LastSeqOf(""));
    }

    [Fact]
    public void A_prepared_operation_applies_only_at_the_revision_it_was_prepared_for()
    {
        var sequencer = new Sequencer("");
        var first = sequencer.PrepareText("a", "ada");
        var stale = sequencer.PrepareText("b", "bob");
        sequencer.Apply(first);

        Assert.Throws<InvalidOperationException>(() => sequencer.Apply(stale));
        Assert.Equal("a", sequencer.Text);
    }

    [Fact]
    public void Discarding_the_text_keeps_the_revision()
    {
        var sequencer = new Sequencer("secret", revision: 3);
        sequencer.DiscardText();

        Assert.Equal(("", 3L), (sequencer.Text, sequencer.Revision));
    }
}
