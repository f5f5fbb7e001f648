using System.Text.Json;

namespace Interview.Gateway.Hubs;

/// <summary>
/// Reads hub payloads field by field into the shared payload records, so each bad field gets its own
/// INVALID_PAYLOAD (with details.field) or INVALID_SESSION (docs/protocol.md, "Refusals and errors").
/// </summary>
public static class HubRequests
{
    /// <summary>
    /// Only the session a payload is for, checked and parsed (the one time it is): read first, so a
    /// connection that is not in that session is refused before the rest (an operation, a run's output)
    /// costs anything to read.
    /// </summary>
    public static Guid SessionOf(JsonElement payload) => new PayloadReader(payload).SessionId();

    // The readers below come after SessionOf: the sessionId they copy is already checked.

    public static JoinSessionPayload ReadJoin(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new JoinSessionPayload(
            reader.SessionIdText(), reader.UserId(), reader.Username(), reader.Protocol(), reader.OptionalRevision(), reader.OptionalClientId(), reader.OptionalUserToken(),
            reader.OptionalInterviewerKey(), reader.OptionalNotesRevision());
    }

    public static CodeChangePayload ReadCodeChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new CodeChangePayload(reader.SessionIdText(), reader.UserId(), reader.Code(), reader.Language());
    }

    public static LanguageChangePayload ReadLanguageChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new LanguageChangePayload(reader.SessionIdText(), reader.UserId(), reader.Language());
    }

    public static InputChangePayload ReadInputChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new InputChangePayload(reader.SessionIdText(), reader.ProgramInput());
    }

    public static SubmitOperationPayload ReadSubmitOperation(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new SubmitOperationPayload(reader.SessionIdText(), reader.ClientId(), reader.Seq(), reader.Revision(), reader.Operation(), reader.Document());
    }

    public static CursorChangePayload ReadCursorChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new CursorChangePayload(reader.SessionIdText(), reader.Selections());
    }

    public static ExecutionResultPayload ReadExecutionResult(JsonElement payload) => new PayloadReader(payload).ExecutionRun();

    public static CandidateActivity ReadActivity(JsonElement payload) => new PayloadReader(payload).Activity();
}
