namespace Interview.Gateway.Sessions;

/// <summary>
/// A connection of this gateway, the session and user it joined as, whether it speaks "ot", and its
/// user's token (so a re-registration with a new activation of the session keeps the user's identity),
/// and for an interviewer connection the hash of the key it joined with (so it is one again there).
/// </summary>
public sealed record SessionMember(string ConnectionId, Guid SessionId, string UserId, string Username, bool Ot, string? UserToken, byte[]? InterviewerKeyHash = null)
{
    // A record prints every member; the token is a secret.
    public override string ToString() => $"SessionMember {{ ConnectionId = {ConnectionId}, SessionId = {SessionId}, UserId = {UserId}, Ot = {Ot} }}";
}
