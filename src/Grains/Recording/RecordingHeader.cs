namespace Interview.Grains.Recording;

/// <summary>
/// What a recording keeps of its session besides the events: when it was created, with which code and
/// language, the interviewer key's hash (the session's own state is swept a day after it expired; the
/// recording, and who may read it, outlive it), its end, and until when it is kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.recording-header")]
public sealed record RecordingHeader(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] string Code,
    [property: Id(2)] string Language,
    [property: Id(3)] byte[] InterviewerKeyHash,
    [property: Id(4)] DateTimeOffset RetainUntil,
    [property: Id(5)] DateTimeOffset? EndedAt = null,
    [property: Id(6)] bool Deleted = false)
{
    public override string ToString() => $"RecordingHeader {{ CreatedAt = {CreatedAt:O}, Language = {Language}, InterviewerKeyHash = (secret), EndedAt = {EndedAt:O}, Deleted = {Deleted} }}";
}
