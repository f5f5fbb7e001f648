namespace Interview.Grains.Sessions.Core;

/// <summary>A user's last tab left the session (closed, moved on, or its gateway's lease lapsed).</summary>
[GenerateSerializer, Immutable, Alias("interview.participant-left")]
public sealed record ParticipantLeft([property: Id(0)] string UserId, [property: Id(1)] int UserCount) : SessionChange;
