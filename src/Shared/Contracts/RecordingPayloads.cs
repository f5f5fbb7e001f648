using System.Text.Json.Serialization;
using Interview.Shared.Text;

namespace Interview.Shared.Contracts;

// GET /api/sessions/{id}/recording (docs/protocol.md, "Recording and playback").

/// <summary>One page of a session's recording; <see cref="Next"/> is the following page's path and query, null on the last.</summary>
public sealed record RecordingPage(
    string SessionId,
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset CreatedAt,
    [property: JsonConverter(typeof(NullableIsoTimestampConverter))] DateTimeOffset? EndedAt,
    RecordingStart Initial,
    IReadOnlyList<RecordedEvent> Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null);

/// <summary>The code and language a session was created with.</summary>
public sealed record RecordingStart(string Code, string Language);

/// <summary>
/// One recorded event: <see cref="Type"/> (RecordedEventTypes) says which of the optional fields it
/// carries; the others are left out of its JSON. UserId is null only for an expiry's "ended".
/// </summary>
public sealed record RecordedEvent(
    [property: JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset At,
    string Type,
    string? UserId)
{
    private const JsonIgnoreCondition Absent = JsonIgnoreCondition.WhenWritingNull;

    [JsonIgnore(Condition = Absent)] public long? Revision { get; init; }
    [JsonIgnore(Condition = Absent)] public TextOperation? Operation { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Language { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Username { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Color { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Role { get; init; }
    [JsonIgnore(Condition = Absent)] public bool? Success { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Output { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Error { get; init; }
    [JsonIgnore(Condition = Absent)] public long? ExecutionTime { get; init; }
    [JsonIgnore(Condition = Absent)] public IReadOnlyList<string>? Logs { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Kind { get; init; }
    [JsonIgnore(Condition = Absent)] public int? Chars { get; init; }
    [JsonIgnore(Condition = Absent)] public int? Lines { get; init; }
    [JsonIgnore(Condition = Absent)] public long? AwayMs { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Reason { get; init; }
    [JsonIgnore(Condition = Absent)] public string? Input { get; init; }
    [JsonIgnore(Condition = Absent)] public IReadOnlyList<ResultTable>? Tables { get; init; }
}

/// <summary>The recorded event types of this version; later versions may add others, which clients skip.</summary>
public static class RecordedEventTypes
{
    public const string Operation = "operation";
    public const string Notes = "notes";
    public const string Language = "language";
    public const string Input = "input";
    public const string Join = "join";
    public const string Role = "role";
    public const string Leave = "leave";
    public const string Run = "run";
    public const string Activity = "activity";
    public const string Ended = "ended";

    /// <summary>Ended reasons.</summary>
    public const string ByInterviewer = "interviewer";
    public const string Expired = "expired";
}
