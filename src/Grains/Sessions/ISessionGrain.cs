using Interview.Grains.Registry;
using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>
/// One interview session, keyed by its UUID: the single sequencer of its text and the owner of its
/// participant list. Errors are returned as error payloads, not thrown: they are answers
/// (docs/protocol.md, "Refusals and errors"). CheckExpiry comes from <see cref="ITrackedSession"/>.
/// </summary>
public interface ISessionGrain : ITrackedSession
{
    /// <summary>
    /// Starts the session with its language's template, opened to interviewers by the key whose SHA-256
    /// hash is <paramref name="interviewerKeyHash"/>; refuses an id already in use.
    /// </summary>
    Task<SessionDetails> Create(string language, byte[] interviewerKeyHash);

    Task<SessionLookup> Describe();

    Task<JoinResult> Join(JoinRequest request);

    Task Leave(string connectionId);

    /// <summary>The full-text protocol's code-change; null on success.</summary>
    Task<ErrorPayload?> ChangeCode(string connectionId, string code);

    /// <summary>language-change; null on success.</summary>
    Task<ErrorPayload?> ChangeLanguage(string connectionId, string language);

    /// <summary>input-change: the whole new program input; null on success.</summary>
    Task<ErrorPayload?> ChangeInput(string connectionId, string input);

    /// <summary>
    /// submit-operation (protocol "ot"): transform against what happened since the submission's revision,
    /// apply, advance the revision, in the submission's document (the code, or the interviewers' notes).
    /// A (clientId, seq) is applied at most once; a repeat gets the first answer.
    /// </summary>
    Task<SubmitOutcome> SubmitOperation(string connectionId, Submission submission);

    /// <summary>cursor-change (protocol "ot"): tells the other "ot" clients; null on success.</summary>
    Task<ErrorPayload?> MoveCursor(string connectionId, IReadOnlyList<SelectionRange> selections);

    /// <summary>
    /// execution-result: tells the other participants what this user's run produced, within
    /// MAX_EXECUTIONS_PER_MINUTE per user (docs/protocol.md, "Runs"); null on success.
    /// </summary>
    Task<ErrorPayload?> ShareExecution(string connectionId, ExecutionResult run);

    /// <summary>end-session (interviewers): the code and the language become final, everyone is told; null on success.</summary>
    Task<ErrorPayload?> EndInterview(string connectionId);

    /// <summary>activity (candidates): a paste or a focus change, told to the interviewers only; null on success.</summary>
    Task<ErrorPayload?> ReportActivity(string connectionId, CandidateActivity activity);

    /// <summary>
    /// A gateway's periodic "still here", holding <paramref name="connections"/> connections of the session;
    /// false when the session holds fewer of them (a new activation that has not met them all): they must join again.
    /// </summary>
    Task<bool> RenewGateway(ISessionObserver gateway, int connections);
}
