using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Shared.Editing;

/// <summary>
/// One tab's side of the keystroke's path (docs/architecture.md, "The path of a keystroke"), as in ot.js:
/// synchronized, awaiting an acknowledgement, or awaiting with a buffer of local edits composed while one
/// is in flight. Events from the server may
/// arrive in any order (acks by invoke result, others' operations by broadcast): they are applied in
/// revision order, the acknowledgement of this tab's operation filling its own slot.
/// A client made anew for the same tab (a resync) continues its numbering from <paramref name="lastSeq"/>:
/// the session applies each (clientId, seq) at most once and takes a number at or below the last applied
/// one as a repeat. A tab with two documents gives both clients the same <paramref name="numbers"/>, so no
/// number is used in both (<see cref="SeqNumbers"/>).
/// </summary>
public sealed class OtClient(string clientId, long revision, string serverText, long lastSeq = 0, SeqNumbers? numbers = null)
{
    private readonly SortedDictionary<long, OperationUpdate?> _waiting = [];
    private readonly TextDocument _server = new(serverText); // changed in place: no copy of the document per event
    private readonly SeqNumbers _numbers = Continued(numbers, lastSeq);
    private long _lastSeq = lastSeq;

    public string ClientId { get; } = clientId;
    public long Revision { get; private set; } = revision;
    public TextOperation? Outstanding { get; private set; }
    public TextOperation? Buffer { get; private set; }

    /// <summary>The session's text at <see cref="Revision"/>: this tab's text without its pending edits.</summary>
    public string ServerText => _server.ToString();

    /// <summary>Everything this tab typed that the server has not acknowledged, as one operation on <see cref="ServerText"/>.</summary>
    public TextOperation? Unacknowledged =>
        Outstanding is null ? null : Buffer is null ? Outstanding : TextOperation.Compose(Outstanding, Buffer);

    /// <summary>The number of this client's latest submission (0 before the first).</summary>
    public long LastSeq => _lastSeq;

    public OtClientState State =>
        Outstanding is null ? OtClientState.Synchronized : Buffer is null ? OtClientState.AwaitingConfirm : OtClientState.AwaitingWithBuffer;

    /// <summary>A local edit, already applied to this tab's document; returns what to send now, if anything.</summary>
    public Submission? ApplyLocal(TextOperation operation)
    {
        if (Outstanding is null)
        {
            Outstanding = operation;
            _lastSeq = _numbers.Next();
            return Pending();
        }

        Buffer = Buffer is null ? operation : TextOperation.Compose(Buffer, operation);
        return null;
    }

    /// <summary>The operation in flight again, under its original number (after a reconnect, or a lost answer).</summary>
    public Submission? Pending() => Outstanding is null ? null : new Submission(ClientId, _lastSeq, Revision, Outstanding);

    /// <summary>The server's answer to this tab's submission: the revision it created.</summary>
    public Step Acknowledged(long revision) => Receive(revision, null);

    /// <summary>
    /// The session refused the operation in flight (<paramref name="seq"/>): it changed nothing there and
    /// used up no number. It is taken out of this tab's document; what was typed after it is kept where it
    /// still applies and goes next, under the next number. Null when <paramref name="seq"/> is no longer
    /// the one in flight (an answer to an attempt already dealt with).
    /// </summary>
    public Step? Refused(long seq)
    {
        if (Outstanding is null || seq != _lastSeq)
        {
            return null;
        }

        // The inverse undoes the refused operation; the buffer, made after it, is rebased to go without it.
        var undo = Outstanding.Invert(_server);
        TextOperation? kept = null;
        if (Buffer is not null)
        {
            (kept, undo) = TextOperation.Transform(Buffer, undo);
        }

        (Outstanding, Buffer) = (kept is { IsNoop: false } ? kept : null, null);
        if (Outstanding is null)
        {
            return new Step([undo], null);
        }

        _lastSeq = _numbers.Next();
        return new Step([undo], Pending());
    }

    /// <summary>
    /// An operation event (or one of session-joined's catch-up operations). This tab's own operation,
    /// recognised by client id and number, counts as its acknowledgement.
    /// </summary>
    public Step Received(OperationUpdate update) =>
        Receive(update.Revision, update.ClientId == ClientId && update.Seq == _lastSeq && Outstanding is not null ? null : update);

    private Step Receive(long revision, OperationUpdate? remote)
    {
        if (revision > Revision)
        {
            _waiting.TryAdd(revision, remote);
        }

        var toApply = new List<TextOperation>();
        Submission? toSend = null;
        while (_waiting.Remove(Revision + 1, out var next))
        {
            Revision++;
            if (next is null)
            {
                if (Outstanding is not null)
                {
                    _server.Apply(Outstanding);
                }

                toSend = Acknowledge() ?? toSend;
            }
            else
            {
                _server.Apply(next.Operation);
                toApply.Add(Transform(next.Operation));
            }
        }

        return new Step(toApply, toSend);
    }

    private Submission? Acknowledge()
    {
        (Outstanding, Buffer) = (Buffer, null);
        if (Outstanding is null)
        {
            return null;
        }

        _lastSeq = _numbers.Next();
        return Pending();
    }

    /// <summary>Someone else's operation, rewritten to apply to this tab's document (which has its pending edits).</summary>
    private TextOperation Transform(TextOperation remote)
    {
        if (Outstanding is null)
        {
            return remote;
        }

        (Outstanding, remote) = TextOperation.Transform(Outstanding, remote);
        if (Buffer is not null)
        {
            (Buffer, remote) = TextOperation.Transform(Buffer, remote);
        }

        return remote;
    }

    private static SeqNumbers Continued(SeqNumbers? numbers, long lastSeq)
    {
        var continued = numbers ?? new SeqNumbers();
        continued.After(lastSeq);
        return continued;
    }

    /// <summary>What one event asks of the tab: operations to apply to its document, in order, and a submission to send.</summary>
    public sealed record Step(IReadOnlyList<TextOperation> ToApply, Submission? ToSend);
}

public enum OtClientState
{
    Synchronized,
    AwaitingConfirm,
    AwaitingWithBuffer,
}
