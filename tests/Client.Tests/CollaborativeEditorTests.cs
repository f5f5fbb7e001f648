using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

public class CollaborativeEditorTests
{
    private const string Start = "hello world";
    private readonly FakeEditorView _view = new();
    private readonly List<(Submission Submission, TaskCompletionSource<SubmitAnswer> Answer)> _sent = [];
    private readonly FakeTimeProvider _clock = new();
    private int _resyncs;

    private CollaborativeEditor NewEditor()
    {
        var editor = new CollaborativeEditor(_view, submission =>
        {
            var answer = new TaskCompletionSource<SubmitAnswer>();
            _sent.Add((submission, answer));
            return answer.Task;
        }, () => { _resyncs++; return Task.CompletedTask; }, _clock);
        editor.Joined(new SessionJoined("s", Start, "javascript", [], 1, 5));
        return editor;
    }

    private static OperationUpdate Remote(long revision, TextOperation operation) => new(revision, operation, "bob", "bob-tab", revision);

    [Fact]
    public void Typing_is_sent_once_at_a_time_and_the_rest_composed()
    {
        var editor = NewEditor();
        Assert.Equal(Start, _view.Text);

        _view.Type(editor, new TextEdit(0, 0, "A"));
        _view.Type(editor, new TextEdit(1, 0, "B"));
        _view.Type(editor, new TextEdit(2, 0, "C"));

        Assert.Single(_sent);
        Assert.Equal((editor.ClientId, 1L, 5L), (_sent[0].Submission.ClientId, _sent[0].Submission.Seq, _sent[0].Submission.Revision));
        _sent[0].Answer.SetResult(SubmitAnswer.Created(6));
        Assert.Equal(2, _sent.Count);
        Assert.Equal(("BC", 2L, 6L), (_sent[1].Submission.Operation.Components[1].Text, _sent[1].Submission.Seq, _sent[1].Submission.Revision));
        _sent[1].Answer.SetResult(SubmitAnswer.Created(7));
        Assert.True(editor.Synchronized);
        Assert.Equal("ABChello world", editor.Text);
    }

    [Fact]
    public void An_edit_whose_answer_was_lost_is_not_typed_again_when_the_session_says_it_applied_it()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A")); // seq 1, in flight; its answer never comes
        _view.Type(editor, new TextEdit(1, 0, "B")); // buffered behind it

        // A rejoin beyond the session's history: the whole text, which has A (and someone's "!"), and A's number.
        editor.Joined(new SessionJoined("s", "Ahello world!", "javascript", [], 1, 1200, LastSeq: 1));

        Assert.Equal("ABhello world!", _view.Text); // A once, B carried over
        Assert.Equal(_view.Text, editor.Text);
        var resent = _sent[^1].Submission;
        Assert.Equal((2L, 1200L, "ABhello world!"), (resent.Seq, resent.Revision, resent.Operation.Apply("Ahello world!")));
    }

    [Fact]
    public void An_edit_the_session_never_applied_is_carried_over_a_rejoin()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));

        editor.Joined(new SessionJoined("s", "hello world!", "javascript", [], 1, 1200, LastSeq: null)); // A never arrived

        Assert.Equal("Ahello world!", _view.Text);
        Assert.Equal((2L, "Ahello world!"), (_sent[^1].Submission.Seq, _sent[^1].Submission.Operation.Apply("hello world!")));
    }

    [Fact]
    public void Others_edits_are_applied_around_pending_typing()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));

        editor.Received(Remote(6, new TextOperation.Builder().Retain(5).Insert("!").Retain(6).Build()));
        _sent[0].Answer.SetResult(SubmitAnswer.Created(7));

        Assert.Equal("Ahello! world", _view.Text);
        Assert.Equal(_view.Text, editor.Text);
        Assert.Equal(7, editor.Revision);
    }

    [Fact]
    public void Undo_takes_back_only_this_users_typing_even_after_others_edits()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(11, 0, "!"));
        _sent[0].Answer.SetResult(SubmitAnswer.Created(6));
        editor.Received(Remote(7, new TextOperation.Builder().Insert(">> ").Retain(12).Build()));

        editor.Undo();
        Assert.Equal(">> hello world", _view.Text);
        editor.Redo();
        Assert.Equal(">> hello world!", _view.Text);
        editor.Undo();
        editor.Undo(); // nothing more of this user's to undo
        Assert.Equal(">> hello world", _view.Text);
    }

    [Fact]
    public void Typing_in_one_burst_undoes_together_and_a_pause_starts_a_new_step()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "a"));
        _view.Type(editor, new TextEdit(1, 0, "b"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        _view.Type(editor, new TextEdit(2, 0, "c"));

        editor.Undo();
        Assert.Equal("abhello world", _view.Text);
        editor.Undo();
        Assert.Equal(Start, _view.Text);
    }

    [Fact]
    public void After_a_reconnect_missed_operations_are_caught_up_and_pending_typing_sent_again()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Undelivered); // the connection dropped

        editor.Joined(new SessionJoined("s", "ignored", "javascript", [], 1, 7,
            [Remote(6, new TextOperation.Builder().Retain(11).Insert("?").Build())]));

        Assert.Equal("Ahello world?", _view.Text);
        Assert.Equal(2, _sent.Count);
        Assert.Equal((1L, 6L), (_sent[1].Submission.Seq, _sent[1].Submission.Revision)); // same number, rebased
    }

    [Fact]
    public void An_unanswered_operation_is_sent_again_under_its_number_until_answered_once()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Undelivered); // the server could not take it just now
        Assert.Single(_sent);

        _clock.Advance(CollaborativeEditor.ResendDelay);
        Assert.Equal(2, _sent.Count);
        Assert.Equal((1L, 5L), (_sent[1].Submission.Seq, _sent[1].Submission.Revision));
        _sent[1].Answer.SetResult(SubmitAnswer.Created(6));

        _clock.Advance(CollaborativeEditor.ResendDelay * 3);
        Assert.Equal(2, _sent.Count); // answered: nothing more to send
        Assert.True(editor.Synchronized);
        Assert.Equal("Ahello world", editor.Text);
    }

    [Fact]
    public void A_resend_already_answered_through_a_rejoin_is_not_sent_again()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Undelivered);
        editor.Joined(new SessionJoined("s", "ignored", "javascript", [], 1, 6,
            [new OperationUpdate(6, _sent[0].Submission.Operation, "me", editor.ClientId, 1)]));

        _clock.Advance(CollaborativeEditor.ResendDelay);
        Assert.Single(_sent);
        Assert.True(editor.Synchronized);
    }

    [Fact]
    public void Our_own_operation_in_the_catch_up_counts_as_its_acknowledgement()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));

        editor.Joined(new SessionJoined("s", "ignored", "javascript", [], 1, 6,
            [new OperationUpdate(6, _sent[0].Submission.Operation, "me", editor.ClientId, 1)]));

        Assert.True(editor.Synchronized);
        Assert.Equal("Ahello world", _view.Text);
    }

    [Fact]
    public void When_the_history_is_gone_the_servers_text_comes_back_with_this_tabs_typing_over_it()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Resync);
        Assert.Equal(1, _resyncs);

        editor.Joined(new SessionJoined("s", "hello world, and more", "javascript", [], 1, 9));

        Assert.Equal("Ahello world, and more", _view.Text);
        Assert.Equal("Ahello world, and more", editor.Text);
    }

    [Fact]
    public void A_refused_operation_is_taken_back_said_in_words_and_the_next_edit_goes_under_a_new_number()
    {
        var editor = NewEditor();
        var refusals = new List<string>();
        editor.Refused += refusals.Add;
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Created(6));
        _view.Type(editor, new TextEdit(0, 1, "too much"));
        Assert.Equal(2, _sent[1].Submission.Seq);

        _sent[1].Answer.SetResult(SubmitAnswer.Refused("The code would exceed the 100 KB limit"));

        Assert.Equal(["The code would exceed the 100 KB limit"], refusals);
        Assert.Equal("Ahello world", _view.Text); // the session's text
        Assert.Equal(_view.Text, editor.Text);
        Assert.True(editor.Synchronized);
        Assert.Equal(0, _resyncs); // nothing to fetch: the refusal changed nothing in the session
        _view.Type(editor, new TextEdit(1, 0, "ok"));
        Assert.Equal((3L, 6L), (_sent[2].Submission.Seq, _sent[2].Submission.Revision)); // never seq 1 or 2 again
        _sent[2].Answer.SetResult(SubmitAnswer.Created(7));
        Assert.True(editor.Synchronized);
        Assert.Equal("Aokhello world", editor.Text);
    }

    [Fact]
    public void Typing_while_a_refused_edit_was_in_flight_is_kept_where_it_applies_and_sent_next()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(6, 5, "EARTH")); // in flight
        _view.Type(editor, new TextEdit(11, 0, "!"));
        _view.Type(editor, new TextEdit(0, 0, "> "));
        editor.Received(Remote(6, new TextOperation.Builder().Retain(5).Insert(",").Retain(6).Build()));
        Assert.Equal("> hello, EARTH!", _view.Text);

        _sent[0].Answer.SetResult(SubmitAnswer.Refused("Refused for a reason"));

        Assert.Equal("> hello, world!", _view.Text);
        Assert.Equal((2L, 6L), (_sent[1].Submission.Seq, _sent[1].Submission.Revision));
        Assert.Equal("> hello, world!", _sent[1].Submission.Operation.Apply("hello, world"));
        _sent[1].Answer.SetResult(SubmitAnswer.Created(7));
        Assert.True(editor.Synchronized);
        Assert.Equal(_view.Text, editor.Text);
    }

    [Fact]
    public void A_late_refusal_of_an_edit_already_answered_changes_nothing()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Undelivered);
        _clock.Advance(CollaborativeEditor.ResendDelay); // sent again: two attempts of seq 1
        _sent[1].Answer.SetResult(SubmitAnswer.Created(6));
        _view.Type(editor, new TextEdit(1, 0, "B"));

        editor.Joined(new SessionJoined("s", "ignored", "javascript", [], 1, 6, [])); // a reconnect resends seq 2
        Assert.Equal(2, _sent[3].Submission.Seq);
        _sent[3].Answer.SetResult(SubmitAnswer.Refused("late"));
        _sent[2].Answer.SetResult(SubmitAnswer.Refused("late again")); // the first attempt's answer, after the second's

        Assert.Equal("Ahello world", _view.Text);
        Assert.True(editor.Synchronized);
    }

    [Fact]
    public async Task An_edit_over_100_KB_is_refused_before_it_is_sent_with_the_servers_words()
    {
        var editor = NewEditor();
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        editor.Refused += message => refused.TrySetResult(message);

        _view.Type(editor, new TextEdit(0, Start.Length, new string('x', 120 * 1024)));

        Assert.Equal("The code would exceed the 100 KB limit", await refused.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(_sent);
        Assert.Equal(Start, _view.Text);
        Assert.Equal(Start, editor.Text);
        _view.Type(editor, new TextEdit(0, 0, "ok"));
        Assert.Equal((2L, 5L), (_sent.Single().Submission.Seq, _sent.Single().Submission.Revision));
        Assert.Equal("okhello world", _sent.Single().Submission.Operation.Apply(Start));
    }

    [Fact]
    public void After_a_resync_the_typing_is_sent_under_the_next_number_and_early_operations_applied()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Created(6));
        _view.Type(editor, new TextEdit(1, 0, "B"));
        _sent[1].Answer.SetResult(SubmitAnswer.Resync);
        Assert.Equal(1, _resyncs);
        Assert.Null(editor.RejoinRevision); // a reconnect now asks for the session's text too
        _view.Type(editor, new TextEdit(2, 0, "C"));
        editor.Received(Remote(10, new TextOperation.Builder().Retain(22).Insert("?").Build())); // before its join
        Assert.Equal(2, _sent.Count); // nothing goes while the text is on its way

        editor.Joined(new SessionJoined("s", "Ahello world, and more", "javascript", [], 1, 9));

        Assert.Equal("ABChello world, and more?", _view.Text);
        Assert.Equal((3L, 9L), (_sent[2].Submission.Seq, _sent[2].Submission.Revision));
        _sent[2].Answer.SetResult(SubmitAnswer.Created(11));
        Assert.True(editor.Synchronized);
        Assert.Equal(11, editor.RejoinRevision);
    }

    [Fact]
    public void A_resync_asked_for_twice_joins_once()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        _sent[0].Answer.SetResult(SubmitAnswer.Resync);
        editor.ResyncAsync(); // the error event of the same refusal
        Assert.Equal(1, _resyncs);

        editor.Joined(new SessionJoined("s", "ignored", "javascript", [], 1, 6, [])); // an older rejoin's answer
        Assert.Single(_sent);
    }

    [Fact]
    public void An_edit_unanswered_for_3_s_is_unconfirmed_until_it_is_answered()
    {
        var editor = NewEditor();
        var changes = 0;
        editor.StatusChanged += () => changes++;
        _view.Type(editor, new TextEdit(0, 0, "A"));

        _clock.Advance(CollaborativeEditor.ConfirmPatience - TimeSpan.FromMilliseconds(1));
        Assert.False(editor.Unconfirmed);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(editor.Unconfirmed);
        Assert.Equal(1, changes);

        _sent[0].Answer.SetResult(SubmitAnswer.Created(6));
        Assert.False(editor.Unconfirmed);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Resending_an_unanswered_edit_does_not_restart_its_wait()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _sent[attempt].Answer.SetResult(SubmitAnswer.Undelivered);
            _clock.Advance(CollaborativeEditor.ResendDelay);
        }

        Assert.Equal(4, _sent.Count);
        Assert.True(editor.Unconfirmed);
        _sent[3].Answer.SetResult(SubmitAnswer.Created(6));
        Assert.False(editor.Unconfirmed);
    }

    [Fact]
    public void A_gone_session_stops_the_editor_with_its_text_as_it_is()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "mine "));
        _sent[0].Answer.SetResult(SubmitAnswer.Gone);

        editor.Received(Remote(6, new TextOperation.Builder().Retain(11).Insert("?").Build()));
        editor.Undo();
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("mine hello world", _view.Text);
        Assert.Equal("mine hello world", editor.Text);
        Assert.Single(_sent);
        Assert.False(editor.Unconfirmed);
    }

    [Fact]
    public void Remote_cursors_are_shown_per_user_and_go_when_they_leave()
    {
        var editor = NewEditor();

        editor.CursorMoved(new CursorUpdate("bob", "Bob", "#61afef", [new SelectionRange(1, 1)]));
        editor.CursorMoved(new CursorUpdate("cy", "Cy", "#98c379", [new SelectionRange(2, 4)]));
        editor.CursorMoved(new CursorUpdate("bob", "Bob", "#61afef", [new SelectionRange(3, 3)]));

        Assert.Equal([("bob", 0, 3), ("cy", 1, 4)], _view.Cursors.Select(c => (c.UserId, c.Slot, c.Selections[0].Head)));
        editor.UserLeft("bob");
        Assert.Equal(["cy"], _view.Cursors.Select(c => c.UserId));
        editor.UserLeft("nobody");
    }
}
