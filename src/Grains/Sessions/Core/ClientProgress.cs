namespace Interview.Grains.Sessions.Core;

/// <summary>A tab's last applied (clientId, seq), the revision it created, and whose tab it is (null in states stored before owners were).</summary>
[GenerateSerializer, Immutable, Alias("interview.client-progress")]
public sealed record ClientProgress([property: Id(0)] long Seq, [property: Id(1)] long Revision, [property: Id(2)] string? UserId = null);
