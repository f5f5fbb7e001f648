namespace Interview.Grains.Sessions.Core;

/// <summary>The session expired: its connections are no longer in it, and its code is gone.</summary>
[GenerateSerializer, Immutable, Alias("interview.session-ended")]
public sealed record SessionExpired : SessionChange;
