using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>
/// One tab's shared document: the OT client, the text as this tab has it, and this user's undo. Every
/// call is synchronous from the editor's change event to the recorded state (DESIGN.md section 4);
/// sending and receiving go through the delegates and methods below.
/// </summary>
public sealed class CollaborativeEditor(
    IEditorView view, Func<Submission, Task<SubmitAnswer>> submit, Func<Task> resync, TimeProvider? clock = null)
{
    /// <summary>How long an unanswered submission waits before it is sent again.</summary>
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly UndoHistory _undo = new(clock ?? TimeProvider.System);
    private readonly Dictionary<string, RemoteCursor> _cursors = new(StringComparer.Ordinal);
    private OtClient? _ot;
    private bool _discardUnsent;

    public string ClientId { get; } = Guid.NewGuid().ToString("N");
    public string Text { get; private set; } = string.Empty;
    public long Revision => _ot?.Revision ?? 0;
    public bool Synchronized => _ot is null || _ot.State == OtClientState.Synchronized;

    /// <summary>session-joined: the first time, the session's text; after a reconnect, catching up.</summary>
    public void Joined(SessionJoined joined)
    {
        if (_ot is not null && joined.Operations is { } missed)
        {
            foreach (var update in missed)
            {
                Received(update);
            }

            Send(_ot.Pending()); // still unacknowledged: again, under its original number
            return;
        }

        // First join, or the history no longer reaches back: the server's text. What this tab typed and
        // the server never acknowledged is carried over by transforming it past the difference between
        // the last server text this tab knew and the new one (unless the server refused it).
        var (previous, unsent) = (_ot?.ServerText, _discardUnsent ? null : _ot?.Unacknowledged);
        _discardUnsent = false;
        (_ot, Text) = (new OtClient(ClientId, joined.Revision, joined.CurrentCode), joined.CurrentCode);
        _undo.Clear(); // its inverses were for a text that has been replaced
        view.SetText(Text);
        if (unsent is not null && previous is not null)
        {
            var gap = TextEdit.Between(previous, Text).ToOperation(previous.Length);
            var restore = TextOperation.Transform(unsent, gap).APrime;
            view.Apply(restore);
            LocalChange(restore);
        }
    }

    /// <summary>An edit typed in this tab, already in the editor.</summary>
    public void LocalChange(TextOperation operation)
    {
        _undo.Record(operation.Invert(Text));
        Commit(operation);
    }

    public void Received(OperationUpdate update)
    {
        if (_ot is null)
        {
            return;
        }

        var step = _ot.Received(update);
        Apply(step);
    }

    public void Undo() => Replay(_undo.TakeUndo(Text, out _));

    public void Redo() => Replay(_undo.TakeRedo(Text, out _));

    public void CursorMoved(CursorUpdate cursor)
    {
        var slot = _cursors.TryGetValue(cursor.UserId, out var known) ? known.Slot : _cursors.Count;
        _cursors[cursor.UserId] = new RemoteCursor(slot, cursor.UserId, cursor.Username, cursor.Color, cursor.Selections);
        view.ShowCursors([.. _cursors.Values]);
    }

    public void UserLeft(string userId)
    {
        if (_cursors.Remove(userId))
        {
            view.ShowCursors([.. _cursors.Values]);
        }
    }

    private void Replay(TextOperation? operation)
    {
        if (operation is null)
        {
            return;
        }

        view.Apply(operation);
        Commit(operation);
    }

    private void Commit(TextOperation operation)
    {
        Text = operation.Apply(Text);
        Send(_ot?.ApplyLocal(operation));
    }

    private void Apply(OtClient.Step step)
    {
        foreach (var operation in step.ToApply)
        {
            Text = operation.Apply(Text);
            view.Apply(operation);
            _undo.Transform(operation);
        }

        Send(step.ToSend);
    }

    // Not awaited: the state is recorded already; the answer fills its revision slot when it comes.
    private void Send(Submission? submission)
    {
        if (submission is not null)
        {
            _ = SendAsync(submission);
        }
    }

    private async Task SendAsync(Submission submission)
    {
        var answer = await submit(submission);
        if (answer.Revision is { } created && _ot is not null)
        {
            Apply(_ot.Acknowledged(created));
        }
        else if (answer.Refused || answer.ResyncRequired)
        {
            _discardUnsent = answer.Refused; // a refused operation can never apply; history loss is not the user's doing
            await resync();
        }
        else
        {
            // Unanswered (the connection dropped, or the cluster could not take it just now): again under
            // its own number, which the session applies at most once, unless it was answered meanwhile.
            await Task.Delay(ResendDelay, _clock);
            if (_ot?.Pending() is { } pending && pending.Seq == submission.Seq)
            {
                Send(pending);
            }
        }
    }
}
