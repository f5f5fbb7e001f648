namespace Interview.Gateway.Sessions;

/// <summary>A connection of this gateway, the session and user it joined as, and whether it speaks "ot".</summary>
public sealed record SessionMember(string ConnectionId, Guid SessionId, string UserId, string Username, bool Ot);
