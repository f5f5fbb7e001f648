namespace Interview.Grains.Sessions;

/// <summary>Each session's stream of <see cref="SessionEvent"/>s: one per session, subscribed by each gateway holding its connections.</summary>
public static class SessionStreams
{
    public const string Provider = "SessionEvents";
    public const string Namespace = "session";

    /// <summary>The grain storage the streams keep their subscriptions in.</summary>
    public const string PubSubStore = "PubSubStore";

    public static StreamId For(Guid sessionId) => StreamId.Create(Namespace, sessionId);
}
