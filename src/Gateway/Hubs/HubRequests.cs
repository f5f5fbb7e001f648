using System.Text.Json;
using Interview.Shared.Text;

namespace Interview.Gateway.Hubs;

/// <summary>join-session; Ot and Revision are DESIGN.md's protocol "ot" and last-seen revision.</summary>
public sealed record JoinSessionRequest(
    Guid SessionId, string UserId, string Username, bool Ot = false, long? Revision = null, string? ClientId = null, string? UserToken = null);

public sealed record SubmitOperationRequest(Guid SessionId, Submission Submission);

public sealed record CursorChangeRequest(Guid SessionId, IReadOnlyList<SelectionRange> Selections);

/// <summary>SPEC.md's code-change. Language is checked but not applied: languages change through language-change only.</summary>
public sealed record CodeChangeRequest(Guid SessionId, string UserId, string Code, string Language);

public sealed record LanguageChangeRequest(Guid SessionId, string UserId, string Language);

public sealed record ExecutionResultRequest(Guid SessionId, ExecutionResult Run);

/// <summary>Reads hub payloads field by field, so each bad field gets its own INVALID_PAYLOAD or INVALID_SESSION.</summary>
public static class HubRequests
{
    /// <summary>
    /// Only the session a payload is for: read first, so a connection that is not in that session is
    /// refused before the rest (an operation, a run's output) costs anything to read.
    /// </summary>
    public static Guid SessionOf(JsonElement payload) => new PayloadReader(payload).SessionId();

    public static JoinSessionRequest ReadJoin(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new JoinSessionRequest(
            reader.SessionId(), reader.UserId(), reader.Username(), reader.Ot(), reader.OptionalRevision(), reader.OptionalClientId(), reader.OptionalUserToken());
    }

    public static CodeChangeRequest ReadCodeChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new CodeChangeRequest(reader.SessionId(), reader.UserId(), reader.Code(), reader.Language());
    }

    public static SubmitOperationRequest ReadSubmitOperation(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        var sessionId = reader.SessionId();
        return new SubmitOperationRequest(sessionId, new Submission(reader.ClientId(), reader.Seq(), reader.Revision(), reader.Operation()));
    }

    public static CursorChangeRequest ReadCursorChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new CursorChangeRequest(reader.SessionId(), reader.Selections());
    }

    public static ExecutionResultRequest ReadExecutionResult(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new ExecutionResultRequest(reader.SessionId(), reader.ExecutionRun());
    }

    public static LanguageChangeRequest ReadLanguageChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new LanguageChangeRequest(reader.SessionId(), reader.UserId(), reader.Language());
    }
}
