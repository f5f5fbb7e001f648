using System.Text.Json.Serialization;
using Interview.Shared.Text;

namespace Interview.Shared.Contracts;

// Client-to-server payloads (camelCase on the wire): what our client sends, and what the gateway reads
// them into, field by field, so each bad field is refused with its own details.field (docs/protocol.md,
// "Refusals and errors"). SessionId stays the text sent; the gateway parses it once, when it checks it.

/// <summary>join-session; Protocol "ot" and Revision (the last one seen) are protocol "ot"'s (docs/protocol.md, "Joining").</summary>
public sealed record JoinSessionPayload(
    string SessionId,
    string UserId,
    string? Username = null,
    string? Protocol = null,
    long? Revision = null,
    string? ClientId = null,
    string? UserToken = null,
    string? InterviewerKey = null,
    long? NotesRevision = null)
{
    // A record prints every member; the token and the key are secrets.
    public override string ToString() =>
        $"JoinSessionPayload {{ SessionId = {SessionId}, UserId = {UserId}, Protocol = {Protocol}, Revision = {Revision}, NotesRevision = {NotesRevision}, ClientId = {ClientId} }}";
}

/// <summary>code-change (the full-text protocol). Language is checked but not applied: languages change through language-change only.</summary>
public sealed record CodeChangePayload(string SessionId, string UserId, string Code, string Language);

public sealed record LanguageChangePayload(string SessionId, string UserId, string Language);

/// <summary>input-change: the whole new program input, at most 10 KB (docs/protocol.md, "Program input").</summary>
public sealed record InputChangePayload(string SessionId, string Input);

/// <summary>submit-operation's payload (protocol "ot"): a tab's submission, for a session; Document "notes" or null (the code).</summary>
public sealed record SubmitOperationPayload(string SessionId, string ClientId, long Seq, long Revision, TextOperation Operation, string? Document = null)
{
    public static SubmitOperationPayload For(string sessionId, Submission submission) =>
        new(sessionId, submission.ClientId, submission.Seq, submission.Revision, submission.Operation, submission.Document);

    public Submission ToSubmission() => new(ClientId, Seq, Revision, Operation, Document);
}

/// <summary>end-session (interviewers): ends the interview.</summary>
public sealed record EndSessionPayload(string SessionId);

/// <summary>activity (candidates): a paste (Chars, Lines) or a focus change (blur; focus with AwayMs).</summary>
public sealed record ActivityPayload(string SessionId, string Kind, int? Chars = null, int? Lines = null, long? AwayMs = null);

/// <summary>cursor-change (protocol "ot"): this tab's selections.</summary>
public sealed record CursorChangePayload(string SessionId, IReadOnlyList<SelectionRange> Selections);

/// <summary>execution-result: a run to show the others, its fields flat beside sessionId (docs/protocol.md, "Runs").</summary>
public sealed record ExecutionResultPayload(
    string SessionId,
    string Language,
    bool Success,
    string Output,
    string? Error,
    long ExecutionTime,
    IReadOnlyList<string> Logs,
    string? ErrorCode = null,
    int? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Input = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResultTable>? Tables = null)
{
    public static ExecutionResultPayload For(string sessionId, ExecutionResult run) =>
        new(sessionId, run.Language, run.Success, run.Output, run.Error, run.ExecutionTime, run.Logs, run.ErrorCode, run.Line, run.Input, run.Tables);

    public ExecutionResult ToRun() => new(Language, Success, Output, Error, ExecutionTime, Logs, ErrorCode, Line, Input, Tables);
}
