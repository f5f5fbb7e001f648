namespace Interview.Gateway.Sessions;

/// <summary>Each session is one SignalR group on every gateway, named by its id.</summary>
public static class SessionGroups
{
    public static string Of(Guid sessionId) => sessionId.ToString("D");
}
