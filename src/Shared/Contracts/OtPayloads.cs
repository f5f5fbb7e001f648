using Interview.Shared.Text;

namespace Interview.Shared.Contracts;

// DESIGN.md section 4's extensions.

/// <summary>operation: an edit someone else made, with the revision it created and who sent it.</summary>
public sealed record OperationUpdate(long Revision, TextOperation Operation, string UserId, string ClientId, long Seq);

/// <summary>The answer to submit-operation: the revision the operation created.</summary>
public sealed record SubmitResult(long Revision);

/// <summary>A selection as UTF-16 offsets into the document; a cursor has anchor == head.</summary>
public sealed record SelectionRange(int Anchor, int Head);

/// <summary>cursor-update: where another participant's cursors and selections are.</summary>
public sealed record CursorUpdate(string UserId, string Username, string Color, IReadOnlyList<SelectionRange> Selections);

/// <summary>submit-operation's payload: a tab's submission, for a session.</summary>
public sealed record SubmitOperationPayload(string SessionId, string ClientId, long Seq, long Revision, TextOperation Operation)
{
    public static SubmitOperationPayload For(string sessionId, Submission submission) =>
        new(sessionId, submission.ClientId, submission.Seq, submission.Revision, submission.Operation);
}
