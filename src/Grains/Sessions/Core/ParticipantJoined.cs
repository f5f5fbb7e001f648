namespace Interview.Grains.Sessions.Core;

/// <summary>A user came into the session (their first tab): who, shown as what, in which color, in which role, and how many are in now.</summary>
[GenerateSerializer, Immutable, Alias("interview.participant-joined")]
public sealed record ParticipantJoined(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] int UserCount,
    [property: Id(3)] string Color,
    [property: Id(4)] string Role = Roles.Candidate) : SessionChange;
