using Interview.Shared.Contracts;

namespace Interview.Client.Editing;

/// <summary>
/// One document's part of a session-joined: the code's (currentCode, revision, operations, lastSeq) or the
/// interviewer notes' (notes, notesOperations, notesLastSeq; docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed record JoinedDocument(string Text, long Revision, IReadOnlyList<OperationUpdate>? Operations, long? LastSeq)
{
    /// <summary>The part of <paramref name="joined"/> for <paramref name="document"/> (null: the code); null when it has none (a candidate's has no notes).</summary>
    public static JoinedDocument? Of(SessionJoined joined, string? document) => document == Documents.Notes
        ? joined.Notes is { } notes ? new JoinedDocument(notes.Text, notes.Revision, joined.NotesOperations, joined.NotesLastSeq) : null
        : new JoinedDocument(joined.CurrentCode, joined.Revision, joined.Operations, joined.LastSeq);
}
