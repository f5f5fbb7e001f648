namespace Interview.Grains.Sessions.Core;

/// <summary>A candidate's browser reported a paste (its size) or a focus change; only interviewers are told.</summary>
[GenerateSerializer, Immutable, Alias("interview.activity-reported")]
public sealed record ActivityReported(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] CandidateActivity Activity,
    [property: Id(3)] DateTimeOffset At) : SessionChange;

/// <summary>What a candidate's browser reports: a kind of ActivityKinds, with a paste's size or an absence's length.</summary>
[GenerateSerializer, Immutable, Alias("interview.candidate-activity")]
public sealed record CandidateActivity(
    [property: Id(0)] string Kind,
    [property: Id(1)] int? Chars = null,
    [property: Id(2)] int? Lines = null,
    [property: Id(3)] long? AwayMs = null);
