namespace Interview.Grains.Sessions;

public enum SessionStatus
{
    NotFound,
    Expired,
    Active,
}

[GenerateSerializer, Immutable, Alias("interview.session-lookup")]
public sealed record SessionLookup(
    [property: Id(0)] SessionStatus Status,
    [property: Id(1)] SessionDetails? Details = null);

/// <summary>
/// A connection asking to join: who it is, which gateway's observer carries its updates, whether it
/// speaks the "ot" protocol (docs/protocol.md, "Operations"), and (for a rejoining "ot" client) the last revision it saw.
/// A <see cref="Reregistration"/> is the gateway registering a connection the session already knew
/// again (with a new activation): nobody is told the user joined. <see cref="ClientId"/> is the rejoining
/// tab's, for the session to say which of its operations it applied; <see cref="UserToken"/> the secret
/// that lets it join as a user who is present (docs/protocol.md, "Identity"); <see cref="InterviewerKeyHash"/>
/// the SHA-256 of the interviewer key the join carried, and <see cref="NotesRevision"/> the last revision of
/// the notes a rejoining interviewer tab has (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.join-request")]
public sealed record JoinRequest(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Username,
    [property: Id(3)] ISessionObserver Gateway,
    [property: Id(4)] bool Ot = false,
    [property: Id(5)] long? Revision = null,
    [property: Id(6)] bool Reregistration = false,
    [property: Id(7)] string? ClientId = null,
    [property: Id(8)] string? UserToken = null,
    [property: Id(9)] byte[]? InterviewerKeyHash = null,
    [property: Id(10)] long? NotesRevision = null)
{
    // A record prints every member; the token is a secret, so a log line or a debugger shows only that there is one.
    public override string ToString() =>
        $"JoinRequest {{ ConnectionId = {ConnectionId}, UserId = {UserId}, Ot = {Ot}, Revision = {Revision}, NotesRevision = {NotesRevision}, Reregistration = {Reregistration}, ClientId = {ClientId}, UserToken = {(UserToken is null ? "none" : "(secret)")}, InterviewerKey = {(InterviewerKeyHash is null ? "none" : "(secret)")} }}";
}

/// <summary>Either the session-joined payload or the error that refused the join.</summary>
[GenerateSerializer, Immutable, Alias("interview.join-result")]
public sealed record JoinResult(
    [property: Id(0)] SessionJoined? Joined,
    [property: Id(1)] ErrorPayload? Error = null);

public static class SessionErrors
{
    public static ErrorPayload NotFound(Guid id) =>
        new("Session not found", ErrorCodes.SessionNotFound, Details("sessionId", id.ToString("D")));

    public static ErrorPayload Expired(Guid id) =>
        new("Session has expired", ErrorCodes.SessionExpired, Details("sessionId", id.ToString("D")));

    public static ErrorPayload NotJoined(Guid id) =>
        new("Join the session before changing it", ErrorCodes.InvalidSession, Details("sessionId", id.ToString("D")));

    public static ErrorPayload ResyncRequired(Guid id) =>
        new("The session's history no longer reaches your revision; join again", ErrorCodes.ResyncRequired, Details("sessionId", id.ToString("D")));

    public static ErrorPayload Forbidden(Guid id) =>
        new("This participant is already in the session; only their own tabs may join as them", ErrorCodes.Forbidden, Details("sessionId", id.ToString("D")));

    public static ErrorPayload WrongInterviewerKey(Guid id) =>
        new("This interviewer key does not open this session", ErrorCodes.Forbidden, Details("sessionId", id.ToString("D")));

    public static ErrorPayload InterviewersOnly(Guid id, string what) =>
        new($"Only interviewers may {what}", ErrorCodes.Forbidden, Details("sessionId", id.ToString("D")));

    public static ErrorPayload CandidatesOnly(Guid id, string what) =>
        new($"Only candidates {what}", ErrorCodes.Forbidden, Details("sessionId", id.ToString("D")));

    public static ErrorPayload Ended(Guid id) =>
        new("The interview has ended: its code and language are final", ErrorCodes.SessionEnded, Details("sessionId", id.ToString("D")));

    public static ErrorPayload Full(Guid id, int participants) =>
        new($"The session is full: it has its {participants} participants", ErrorCodes.SessionFull, Details("sessionId", id.ToString("D")));

    public static ErrorPayload RateLimited(string what, TimeSpan retryAfter, bool perUser = false)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var details = new Dictionary<string, string> { ["retryAfter"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (perUser)
        {
            details["per"] = "user"; // counted for all of the user's tabs together
        }

        return new ErrorPayload($"Too many {what}; try again in {seconds} s", ErrorCodes.RateLimitExceeded, details);
    }

    /// <summary>How long a refusal for a spent per-user budget lasts; null for any other answer.</summary>
    public static TimeSpan? UserBudgetRetryAfter(ErrorPayload error) =>
        error.Code == ErrorCodes.RateLimitExceeded && error.Details is { } details && details.GetValueOrDefault("per") == "user"
            && int.TryParse(details.GetValueOrDefault("retryAfter"), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    public static ErrorPayload Flooding(string what) =>
        new($"Far too many {what}: this connection is closed; reconnect and send fewer", ErrorCodes.RateLimitExceeded);

    public static ErrorPayload InvalidField(string field, string message) =>
        new(message, ErrorCodes.InvalidPayload, Details("field", field));

    private static Dictionary<string, string> Details(string key, string value) => new() { [key] = value };
}
