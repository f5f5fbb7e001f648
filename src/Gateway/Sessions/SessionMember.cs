namespace Interview.Gateway.Sessions;

/// <summary>A connection of this gateway and the session and user it joined as.</summary>
public sealed record SessionMember(string ConnectionId, Guid SessionId, string UserId, string Username);
