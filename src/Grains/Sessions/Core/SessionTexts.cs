namespace Interview.Grains.Sessions.Core;

/// <summary>
/// A session's two texts (docs/protocol.md, "Roles, notes, ending and activity"): the code everyone edits
/// and the notes only interviewers see, each its own sequencer with its own revision and history. A tab
/// numbers its operations once over both, so a (clientId, seq) is applied at most once in the session and
/// a clientId is one user's in both.
/// </summary>
public sealed class SessionTexts(Sequencer code, Sequencer notes)
{
    public Sequencer Code { get; } = code;
    public Sequencer Notes { get; } = notes;

    public Sequencer Of(string? document) => document == Documents.Notes ? Notes : Code;

    /// <summary><see cref="Sequencer.Prepare"/> in the submission's document, after the other document has had its say on the (clientId, seq).</summary>
    public Preparation Prepare(string userId, Submission submission)
    {
        var target = Of(submission.Document);
        var other = target == Code ? Notes : Code;
        return other.History.Check(submission.ClientId, submission.Seq, userId).Status switch
        {
            SubmissionStatus.Foreign => new Refused(Refusal.ForeignClient),
            SubmissionStatus.Applied => new Refused(Refusal.SeqUsed),
            _ => target.Prepare(userId, submission),
        };
    }
}
