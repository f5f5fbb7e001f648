using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>
/// Not for browsers: the session has a new activation, which knows no connections, and gateways
/// register theirs with it again (docs/architecture.md, "Durability and failover").
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.session-reactivated")]
public sealed record SessionReactivated : SessionChange;
