namespace Interview.Grains.Sessions.Core;

/// <summary>A present user's role changed: a tab of theirs joined with or without the interviewer key, or their last interviewer tab left.</summary>
[GenerateSerializer, Immutable, Alias("interview.participant-updated")]
public sealed record ParticipantUpdated(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Color,
    [property: Id(3)] string Role) : SessionChange;
