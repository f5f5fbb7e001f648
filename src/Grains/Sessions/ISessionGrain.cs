namespace Interview.Grains.Sessions;

/// <summary>
/// One interview session, keyed by its UUID: the single sequencer of its text and the owner of its
/// participant list. Errors are returned as SPEC.md error payloads, not thrown: they are answers.
/// </summary>
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Starts the session with its language's template; refuses an id already in use.</summary>
    Task<SessionDetails> Create(string language);

    Task<SessionLookup> Describe();

    Task<JoinResult> Join(JoinRequest request);

    Task Leave(string connectionId);

    /// <summary>SPEC.md's full-text code-change; null on success.</summary>
    Task<ErrorPayload?> ChangeCode(string connectionId, string code);

    /// <summary>SPEC.md's language-change; null on success.</summary>
    Task<ErrorPayload?> ChangeLanguage(string connectionId, string language);

    /// <summary>
    /// DESIGN.md's submit-operation: transform against what happened since the submission's revision,
    /// apply, advance the revision. A (clientId, seq) is applied at most once; a repeat gets the first answer.
    /// </summary>
    Task<SubmitOutcome> SubmitOperation(string connectionId, Submission submission);

    /// <summary>DESIGN.md's cursor-change: tells the other "ot" clients; null on success.</summary>
    Task<ErrorPayload?> MoveCursor(string connectionId, IReadOnlyList<SelectionRange> selections);

    /// <summary>
    /// DESIGN.md's execution-result: tells the other participants what this user's run produced, within
    /// MAX_EXECUTIONS_PER_MINUTE per user; null on success.
    /// </summary>
    Task<ErrorPayload?> ShareExecution(string connectionId, ExecutionResult run);

    /// <summary>A gateway's periodic "still here"; false when the session holds none of its connections.</summary>
    Task<bool> RenewGateway(ISessionObserver gateway);

    /// <summary>Asked by the registry once the session's deadline has passed: expire now if it is due.</summary>
    [OneWay]
    Task CheckExpiry();
}
