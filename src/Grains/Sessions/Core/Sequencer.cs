namespace Interview.Grains.Sessions.Core;

/// <summary>
/// The session's single order of edits (docs/architecture.md, "The path of a keystroke"): its text, its
/// revision and the operations behind it. What ot.js's Server does in receiveOperation (transform against
/// what came since, apply, remember), with each tab's operations applied at most once, and the limits.
/// Two steps, because the grain journals a change before it takes effect: <see cref="Prepare"/> checks a
/// submission and transforms it to the head, changing nothing; <see cref="Apply"/> makes the prepared
/// operation the next revision and says so.
/// </summary>
/// <param name="document">What <see cref="Prepare"/>'s operations say they change: null for the code, "notes" for the interviewer notes.</param>
public sealed class Sequencer(string text = "", long revision = 0, OperationHistory? history = null, string? document = null)
{
    /// <summary>Component steps a submission's transforms may take (about 10 ms); beyond, RESYNC_REQUIRED.</summary>
    public const long MaxTransformWork = 200_000;

    private TextDocument? _document;
    private string _text = text;
    private bool _textStale; // the document has changed since _text was last brought up to date

    public long Revision { get; private set; } = revision;
    public OperationHistory History { get; } = history ?? new OperationHistory();

    /// <summary>Null for the code, "notes" for the interviewer notes.</summary>
    public string? Document { get; } = document;

    /// <summary>
    /// The text as a string. Operations change a document in place, so a keystroke costs the same in a
    /// 50 KB text as in a 1 KB one; the string follows it only when read (a join, a full-text change, a write).
    /// </summary>
    public string Text
    {
        get
        {
            if (_textStale)
            {
                (_text, _textStale) = (_document!.ToString(), false);
            }

            return _text;
        }
    }

    /// <summary>The text's length in UTF-16 code units, as operations count it.</summary>
    public int Length => Current.Length;

    private TextDocument Current => _document ??= new TextDocument(_text);

    /// <summary>The operations since <paramref name="seen"/>, for a rejoining tab; null when they are no longer all kept.</summary>
    public IReadOnlyList<OperationUpdate>? Since(long seen) => History.Since(seen, Revision);

    /// <summary>
    /// What a submission comes to: another participant's tab, a repeat (answered with the revision it
    /// made), a tab that must resync, an operation that does not fit, or the operation ready at the head.
    /// A (clientId, seq) is applied at most once (docs/protocol.md, "Operations").
    /// </summary>
    public Preparation Prepare(string userId, Submission submission)
    {
        var check = History.Check(submission.ClientId, submission.Seq, userId);
        if (check.Status == SubmissionStatus.Foreign)
        {
            return new Refused(Refusal.ForeignClient);
        }

        if (check.Status == SubmissionStatus.Applied)
        {
            return new Repeated(check.Revision); // a resend: the same answer, nothing applied twice
        }

        if (check.Status == SubmissionStatus.Stale || Since(submission.Revision) is not { } concurrent)
        {
            return new Refused(Refusal.Resync);
        }

        // Transforming walks the submission once per operation it crosses: 20,001 components made against
        // a revision a thousand operations old would cost a second of CPU, every time it is sent. Past
        // this budget the tab is asked to resync (its rejoin brings it to the head, where it crosses
        // nothing); nothing is used up.
        if (TransformWork(submission.Operation, concurrent) > MaxTransformWork)
        {
            return new Refused(Refusal.Resync);
        }

        long bytes;
        var operation = submission.Operation;
        try
        {
            foreach (var earlier in concurrent)
            {
                operation = TextOperation.Transform(operation, earlier.Operation).APrime;
            }

            bytes = Current.Utf8BytesAfter(operation);
        }
        catch (TextOperationException exception)
        {
            return new Refused(Refusal.DoesNotApply, exception.Message);
        }

        return bytes > Limits.MaxCodeBytes
            ? new Refused(Refusal.TooLarge)
            : new Ready(new OperationUpdate(Revision + 1, operation, userId, submission.ClientId, submission.Seq, Document));
    }

    /// <summary>A full-text change (code-change, a template swap) as an operation at the head.</summary>
    public Ready PrepareText(string text, string userId)
    {
        var current = Text;
        var operation = TextEdit.Between(current, text).ToOperation(current.Length);
        _ = Current.Utf8BytesAfter(operation); // throws, before anything changes, for one that does not fit
        return new Ready(new OperationUpdate(Revision + 1, operation, userId, string.Empty, 0, Document));
    }

    /// <summary>
    /// Makes a prepared operation the next revision. Nothing may come between its preparation and this:
    /// once journaled, applying it cannot fail. <paramref name="withText"/>: full-text clients need the whole text.
    /// </summary>
    public OperationApplied Apply(Ready ready, bool withText = false)
    {
        var update = ready.Update;
        if (update.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"Revision {update.Revision} was prepared, but the session is at {Revision}");
        }

        Current.Apply(update.Operation);
        _textStale = true;
        Revision = update.Revision;
        History.Add(update);
        return new OperationApplied(update, withText ? Text : null);
    }

    /// <summary>How many UTF-8 bytes the text would be after <paramref name="operation"/>; throws when it does not apply.</summary>
    public long Utf8BytesAfter(TextOperation operation) => Current.Utf8BytesAfter(operation);

    /// <summary>An ended interview's text is not kept; revision and history stay.</summary>
    public void DiscardText() => (_document, _text, _textStale) = (null, string.Empty, false);

    private static long TransformWork(TextOperation submitted, IReadOnlyList<OperationUpdate> concurrent)
    {
        long work = 0;
        foreach (var earlier in concurrent)
        {
            work += submitted.Components.Count + earlier.Operation.Components.Count;
        }

        return work;
    }
}
