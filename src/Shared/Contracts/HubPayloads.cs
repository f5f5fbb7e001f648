using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

// Server-to-client payloads (camelCase on the wire; docs/protocol.md).

/// <summary>A participant as listed in session-joined; Role is "interviewer" while any of their connections is one.</summary>
public sealed record ParticipantInfo(
    string Id,
    string Username,
    string Color,
    string Role = Roles.Candidate);

/// <summary>
/// session-joined: the joiner's copy of the session. Revision is protocol "ot"'s addition; Operations, for a
/// rejoining "ot" client that said which revision it had, are the edits since then (null when it said none
/// or the history no longer reaches back that far). ExpiresAt is when the session ends at the latest
/// (MAX_SESSION_DURATION after its creation), so a page can say how long is left. LastSeq answers a
/// rejoining "ot" tab that named its clientId: the last of its operations the session applied (null when
/// it knows none), so the tab knows whether an edit it never heard answered is already in the text.
/// UserToken is the joiner's secret for its userId in this session (docs/protocol.md, "Identity"): sent
/// only in the joiner's own session-joined, never to anyone else. Role is the joining connection's; Notes,
/// NotesOperations and NotesLastSeq are the interviewer notes' counterparts of CurrentCode/Revision,
/// Operations and LastSeq, only ever in an interviewer's; EndedAt once the interview was ended
/// (docs/protocol.md, "Roles, notes, ending and activity"); Input the program input, "" when nobody wrote
/// one (docs/protocol.md, "Program input").
/// </summary>
public sealed record SessionJoined(
    string SessionId,
    string CurrentCode,
    string Language,
    IReadOnlyList<ParticipantInfo> Users,
    int UserCount,
    long Revision,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OperationUpdate>? Operations = null,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset ExpiresAt = default,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LastSeq = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserToken = null,
    string Role = Roles.Candidate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotesText? Notes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OperationUpdate>? NotesOperations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NotesLastSeq = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(NullableIsoTimestampConverter))] DateTimeOffset? EndedAt = null,
    string Input = "");

/// <summary>The interviewer notes in an interviewer's session-joined: their text and revision.</summary>
public sealed record NotesText(string Text, long Revision);

/// <summary>code-update: the whole text after someone's change. Timestamp is Unix milliseconds.</summary>
public sealed record CodeUpdate(
    string Code,
    string UserId,
    long Timestamp,
    long Revision);

public sealed record LanguageUpdate(
    string Language,
    string UserId);

/// <summary>input-update: the whole program input after someone's change, and whose it was.</summary>
public sealed record InputUpdate(string Input, string UserId, string Username);

/// <summary>user-joined; Color is an addition so others can draw the newcomer, Role the newcomer's.</summary>
public sealed record UserJoined(
    string UserId,
    string Username,
    int UserCount,
    string Color,
    string Role = Roles.Candidate);

/// <summary>user-updated: a present user as the others now list them (their role changed).</summary>
public sealed record UserUpdated(
    string UserId,
    string Username,
    string Color,
    string Role);

/// <summary>session-ended: who ended the interview, and when.</summary>
public sealed record InterviewEndedUpdate(
    string UserId,
    string Username,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset EndedAt);

/// <summary>activity-update (interviewers only): a candidate pasted (Chars, Lines), left (blur) or came back (focus, AwayMs).</summary>
public sealed record ActivityUpdate(
    string UserId,
    string Username,
    string Kind,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Chars = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Lines = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? AwayMs = null);

/// <summary>session-expiring: the session reaches its maximum duration soon (sent ten and one minutes before).</summary>
public sealed record SessionExpiring(
    string SessionId,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset ExpiresAt,
    int MinutesLeft);

public sealed record UserLeft(
    string UserId,
    int UserCount);

/// <summary>error: {message, code, details?} (docs/protocol.md, "Refusals and errors").</summary>
public sealed record ErrorPayload(
    string Message,
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Details = null);
