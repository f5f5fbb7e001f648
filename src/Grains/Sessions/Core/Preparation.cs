namespace Interview.Grains.Sessions.Core;

/// <summary>What <see cref="Sequencer.Prepare"/> found a submission to be.</summary>
public abstract record Preparation;

/// <summary>Checked and transformed to the head: the next revision, once the grain has journaled it.</summary>
public sealed record Ready(OperationUpdate Update) : Preparation;

/// <summary>A (clientId, seq) already applied: answered with the revision it made, nothing applied twice.</summary>
public sealed record Repeated(long Revision) : Preparation;

/// <summary>Refused, nothing changed; <see cref="Detail"/> says why an operation does not apply.</summary>
public sealed record Refused(Refusal Reason, string? Detail = null) : Preparation;

public enum Refusal
{
    /// <summary>The clientId is another participant's tab's.</summary>
    ForeignClient,

    /// <summary>The history no longer reaches the submission's revision, or transforming it would cost too much.</summary>
    Resync,

    /// <summary>The operation does not fit the text at its revision.</summary>
    DoesNotApply,

    /// <summary>The text would exceed the code limit (docs/protocol.md, "Limits").</summary>
    TooLarge,

    /// <summary>The tab used this seq in the session's other document (one numbering over both).</summary>
    SeqUsed,
}
