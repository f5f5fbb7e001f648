namespace Interview.Shared.Text;

/// <summary>A submit-operation to send: this tab's operation, its number and the revision it was made against.</summary>
public sealed record Submission(string ClientId, long Seq, long Revision, TextOperation Operation);
