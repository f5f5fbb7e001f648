namespace Interview.Gateway.Sessions;

/// <summary>
/// Each session is two SignalR groups on every gateway: its "ot" connections, which receive operations
/// and cursors, and its full-text connections (docs/protocol.md, "Full-text editing"), which receive code-update.
/// </summary>
public static class SessionGroups
{
    public static string Of(Guid sessionId, bool ot) => $"{sessionId:D}:{(ot ? "ot" : "text")}";
}
