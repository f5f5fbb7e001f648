namespace Interview.Grains.Sessions.Core;

/// <summary>What the history says of a (clientId, seq): new, applied at a revision, older than the client's last, or another user's tab.</summary>
public readonly record struct SubmissionCheck(SubmissionStatus Status, long Revision = 0)
{
    public static SubmissionCheck New => new(SubmissionStatus.New);
    public static SubmissionCheck Stale => new(SubmissionStatus.Stale);
    public static SubmissionCheck Foreign => new(SubmissionStatus.Foreign);

    public static SubmissionCheck Applied(long revision) => new(SubmissionStatus.Applied, revision);
}

public enum SubmissionStatus
{
    New,
    Applied,
    Stale,

    /// <summary>The client id is another participant's tab's.</summary>
    Foreign,
}
