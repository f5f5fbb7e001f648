namespace Interview.Grains.Sessions.Core;

/// <summary>The session's maximum duration ends at <see cref="ExpiresAt"/>, <see cref="MinutesLeft"/> minutes from now.</summary>
[GenerateSerializer, Immutable, Alias("interview.session-expiring-soon")]
public sealed record SessionExpiringSoon([property: Id(0)] DateTimeOffset ExpiresAt, [property: Id(1)] int MinutesLeft) : SessionChange;
