namespace Interview.Shared.Contracts;

/// <summary>The error codes of the socket API, and of REST where its answers carry one (docs/protocol.md, "Refusals and errors").</summary>
public static class ErrorCodes
{
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string InvalidSession = "INVALID_SESSION";
    public const string SessionExpired = "SESSION_EXPIRED";
    public const string ConnectionError = "CONNECTION_ERROR";
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string ExecutionError = "EXECUTION_ERROR";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string InvalidPayload = "INVALID_PAYLOAD";
    public const string ResyncRequired = "RESYNC_REQUIRED";

    /// <summary>
    /// A join naming a userId that is in the session, without that user's userToken; a wrong interviewer
    /// key; a message of the other role's (docs/protocol.md, "Roles, notes, ending and activity").
    /// </summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The interview was ended: its code and language are final.</summary>
    public const string SessionEnded = "SESSION_ENDED";

    /// <summary>A new participant past MAX_PARTICIPANTS.</summary>
    public const string SessionFull = "SESSION_FULL";

    // REST only (docs/protocol.md, "Recording and playback").
    public const string Unauthorized = "UNAUTHORIZED";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string RecordingNotFound = "RECORDING_NOT_FOUND";
}
