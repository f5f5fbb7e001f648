namespace Interview.Grains.Sessions;

/// <summary>
/// A session event on the session's stream: the hub event name, its payload and its recipients. The
/// grain names the connections that were in the session when the event happened: the stream delivers
/// later than a join takes effect, and a newcomer must not hear of arrivals its session-joined already
/// listed. <see cref="EndsSession"/> tells gateways to drop their connections from the session (it expired).
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.session-event")]
public sealed record SessionEvent(
    [property: Id(0)] string Name,
    [property: Id(1)] object Payload,
    [property: Id(2)] IReadOnlyList<string> Recipients,
    [property: Id(3)] bool EndsSession = false)
{
    /// <summary>Not for browsers: the session has a new activation, and gateways register their connections with it.</summary>
    public const string Reactivated = "interview:reactivated";
}

public static class SessionStreams
{
    public const string Provider = "SessionEvents";
    public const string Namespace = "session";

    public static StreamId For(Guid sessionId) => StreamId.Create(Namespace, sessionId);
}
