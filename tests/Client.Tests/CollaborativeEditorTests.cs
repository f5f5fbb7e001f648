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
    public void Others_edits_are_applied_around_pending_typing()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "A"));

        editor.Received(Remote(6, new TextOperation().Retain(5).Insert("!").Retain(6)));
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
        editor.Received(Remote(7, new TextOperation().Insert(">> ").Retain(12)));

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
            [Remote(6, new TextOperation().Retain(11).Insert("?"))]));

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
    public void A_refused_operation_is_dropped_and_the_servers_text_taken()
    {
        var editor = NewEditor();
        _view.Type(editor, new TextEdit(0, 0, "too much"));
        _sent[0].Answer.SetResult(SubmitAnswer.RefusedByServer);
        Assert.Equal(1, _resyncs);

        editor.Joined(new SessionJoined("s", Start, "javascript", [], 1, 5));

        Assert.Equal(Start, _view.Text);
        Assert.True(editor.Synchronized);
        _view.Type(editor, new TextEdit(0, 0, "ok"));
        Assert.Equal(2, _sent.Count); // typing flows again
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
