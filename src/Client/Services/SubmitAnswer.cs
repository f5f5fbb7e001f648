using Interview.Shared.Contracts;

namespace Interview.Client.Services;

public enum SubmitAnswerKind
{
    /// <summary>Applied: the revision it created.</summary>
    Created,

    /// <summary>Not applied and nothing wrong with it: sent again under its own number.</summary>
    Undelivered,

    /// <summary>The operation can never apply (the error's message says why): it is taken back.</summary>
    Refused,

    /// <summary>The session's history no longer reaches this tab's revision: rejoin, keeping the typing.</summary>
    Resync,

    /// <summary>The session has expired or no longer exists: nothing more can be sent.</summary>
    Gone,
}

/// <summary>What became of a submit-operation (README "API in short": the error event before a null result says why).</summary>
public readonly record struct SubmitAnswer(SubmitAnswerKind Kind, long? Revision = null, string? Message = null)
{
    public static SubmitAnswer Undelivered => new(SubmitAnswerKind.Undelivered);
    public static SubmitAnswer Resync => new(SubmitAnswerKind.Resync);
    public static SubmitAnswer Gone => new(SubmitAnswerKind.Gone);

    public static SubmitAnswer Created(long revision) => new(SubmitAnswerKind.Created, revision);

    public static SubmitAnswer Refused(string message) => new(SubmitAnswerKind.Refused, Message: message);

    private static readonly HashSet<string> SubmitFields = new(StringComparer.Ordinal) { "sessionId", "clientId", "seq", "revision", "operation" };

    /// <summary>Whether an error event can be the one a submit-operation's null result came with (not another call's).</summary>
    public static bool CouldAnswer(ErrorPayload error) => error.Code switch
    {
        ErrorCodes.InvalidPayload => error.Details?.GetValueOrDefault("field") is not { } field || SubmitFields.Contains(field),
        ErrorCodes.ConnectionError => error.Details?.GetValueOrDefault("event") is null or OtProtocol.SubmitOperation,
        _ => true,
    };

    /// <summary>The answer a null result means, by the error event that came with it (none: sent again).</summary>
    public static SubmitAnswer For(ErrorPayload? error) => error?.Code switch
    {
        ErrorCodes.ResyncRequired => Resync,
        ErrorCodes.SessionExpired or ErrorCodes.SessionNotFound => Gone,
        // The server failed, this connection's budget is spent for the moment, or its (re)join is not
        // through yet: the edit itself is fine and goes again.
        ErrorCodes.ConnectionError or ErrorCodes.RateLimitExceeded or ErrorCodes.InvalidSession or null => Undelivered,
        _ => Refused(error.Message),
    };
}
