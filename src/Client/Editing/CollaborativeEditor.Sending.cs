using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;

namespace Interview.Client.Editing;

/// <summary>Sending this tab's typing and dealing with the session's answer: acknowledged, refused, resync, gone, or again.</summary>
public sealed partial class CollaborativeEditor
{
    // Not awaited: the state is recorded already; the answer fills its revision slot when it comes.
    private void Send(Submission? submission)
    {
        if (submission is null || _stopped || _resyncing)
        {
            return;
        }

        // A new submission is all of this tab's unacknowledged typing, so the text now is what the session
        // would have: over the limit, the session would refuse it, so it is refused here (and an oversized
        // frame would cost the connection, again at every resend).
        submission = submission with { Document = _document };
        var first = _watch.Sent(submission.Seq);
        _ = SendAsync(submission, tooLarge: first && _text.Utf8Bytes > Limits.MaxCodeBytes);
        _watch.Update();
    }

    private async Task SendAsync(Submission submission, bool tooLarge)
    {
        var answer = tooLarge ? await RefuseHereAsync() : await _submit(submission);
        if (_ot is null || _stopped)
        {
            return;
        }

        switch (answer.Kind)
        {
            case SubmitAnswerKind.Created:
                Apply(_ot.Acknowledged(answer.Revision!.Value));
                break;
            case SubmitAnswerKind.Refused:
                TakeBack(submission.Seq, answer.Message ?? TooLargeHere);
                break;
            case SubmitAnswerKind.Resync when _ot.Pending()?.Seq == submission.Seq:
                await ResyncAsync();
                break;
            case SubmitAnswerKind.Gone:
                Stop();
                break;
            case SubmitAnswerKind.Undelivered:
                // The connection dropped, or the server could not take it just now: again under its own
                // number, which the session applies at most once, unless it was answered meanwhile.
                await Task.Delay(ResendDelay, _clock);
                if (_ot?.Pending() is { } pending && pending.Seq == submission.Seq)
                {
                    Send(pending);
                }

                break;
        }

        _watch.Update();
    }

    // After the editor's change event has returned: taking the edit back is an edit of its own.
    private async Task<SubmitAnswer> RefuseHereAsync()
    {
        await Task.Yield();
        return SubmitAnswer.Refused(TooLargeHere);
    }

    private string TooLargeHere => _document == Documents.Notes ? NotesTooLarge : TooLarge;

    /// <summary>A refused edit leaves the editor; what was typed after it stays where it still applies and goes next.</summary>
    private void TakeBack(long seq, string message)
    {
        if (_ot!.Refused(seq) is not { } step)
        {
            return;
        }

        foreach (var operation in step.ToApply)
        {
            _text.Apply(operation);
            _view.Apply(operation);
        }

        _undo.Clear(); // its inverses include the refused edit
        Refused?.Invoke(message);
        Send(step.ToSend);
    }
}
