using System.Text.Json;
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

/// <summary>What became of a submit-operation: its answer is {revision} or, refused, {error} (docs/protocol.md, "Refusals and errors").</summary>
public readonly record struct SubmitAnswer(SubmitAnswerKind Kind, long? Revision = null, string? Message = null)
{
    public static SubmitAnswer Undelivered => new(SubmitAnswerKind.Undelivered);
    public static SubmitAnswer Resync => new(SubmitAnswerKind.Resync);
    public static SubmitAnswer Gone => new(SubmitAnswerKind.Gone);

    public static SubmitAnswer Created(long revision) => new(SubmitAnswerKind.Created, revision);

    public static SubmitAnswer Refused(string message) => new(SubmitAnswerKind.Refused, Message: message);

    /// <summary>What a submit-operation's answer means: applied, or what its error says (no answer at all: sent again).</summary>
    public static SubmitAnswer Of(SubmitResult? result) => result switch
    {
        { Revision: { } revision } => Created(revision),
        _ => For(result?.Error),
    };

    /// <summary>The error a refused invocation's answer carries ({error: {message, code, details?}}); null for any other answer.</summary>
    public static ErrorPayload? RefusalOf(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? error.Deserialize<ErrorPayload>(JsonSerializerOptions.Web)
            : null;

    /// <summary>The answer a refusal means, by its error (none: sent again).</summary>
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
