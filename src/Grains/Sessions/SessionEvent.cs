using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>
/// A session change on the session's stream, and the connections to tell. The grain names the connections
/// that were in the session when it happened: the stream delivers later than a join takes effect, and a
/// newcomer must not hear of arrivals its session-joined already listed. Gateways turn the change into
/// their protocol's event (docs/architecture.md, "Two fan-out paths").
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.session-event")]
public sealed record SessionEvent(
    [property: Id(0)] SessionChange Change,
    [property: Id(1)] IReadOnlyList<string> Recipients);
