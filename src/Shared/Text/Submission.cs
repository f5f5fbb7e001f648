namespace Interview.Shared.Text;

/// <summary>
/// A submit-operation to send: this tab's operation, its number and the revision it was made against, in
/// <see cref="Document"/> ("notes", or null for the code; docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed record Submission(string ClientId, long Seq, long Revision, TextOperation Operation, string? Document = null);
