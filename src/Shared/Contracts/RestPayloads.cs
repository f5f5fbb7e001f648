using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

// REST bodies (docs/protocol.md, "REST").

public sealed record CreateSessionResponse(
    string SessionId,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset CreatedAt,
    string Language,
    string ShareUrl,
    string InterviewerKey,
    string InterviewerUrl);

/// <summary>GET /api/sessions/{id}. Never carries the code nor the notes: a session's texts are only for its participants. EndedAt once the interview was ended.</summary>
public sealed record SessionDetails(
    string SessionId,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset CreatedAt,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset LastActivity,
    string Language,
    int UserCount,
    bool Exists = true,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(NullableIsoTimestampConverter))] DateTimeOffset? EndedAt = null);

public sealed record HealthResponse(
    string Status,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset Timestamp,
    long Uptime,
    int ActiveSessions);

/// <summary>Every REST error: {error, message} or {error, sessionId[, code]}; absent fields are left out.</summary>
public sealed record ApiError(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter = null);
