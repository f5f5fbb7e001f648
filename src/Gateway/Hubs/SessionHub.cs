using System.Text.Json;
using Interview.Gateway.Monitoring;
using Interview.Gateway.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>
/// The socket API at /hub (docs/protocol.md, "Connecting"): method and event names are the protocol's,
/// verbatim. Payloads arrive as raw JSON so a missing or mistyped field gets INVALID_PAYLOAD instead of a
/// binder failure. A refusal is thrown; HubErrorFilter sends it as the error event and as the invocation's answer.
/// </summary>
public sealed class SessionHub(GatewaySessions sessions, InterviewMetrics metrics) : Hub
{
    [HubMethodName(HubMethods.JoinSession)]
    public async Task JoinSession(JsonElement payload)
    {
        var sessionId = HubRequests.SessionOf(payload);
        var request = HubRequests.ReadJoin(payload);
        var result = await sessions.JoinAsync(Context.ConnectionId, sessionId, request);
        ThrowIfRefused(result.Error);
        await Clients.Caller.SendAsync(HubEvents.SessionJoined, result.Joined);
    }

    [HubMethodName(HubMethods.CodeChange)]
    public async Task CodeChange(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var request = HubRequests.ReadCodeChange(payload);
        ThrowIfRefused(await sessions.RefusalOfAsync(Context.ConnectionId, sessionId, request.UserId));
        ThrowIfRefused(await Call(sessionId, session => session.ChangeCode(Context.ConnectionId, request.Code)));
    }

    [HubMethodName(HubMethods.LanguageChange)]
    public async Task LanguageChange(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var request = HubRequests.ReadLanguageChange(payload);
        ThrowIfRefused(await sessions.RefusalOfAsync(Context.ConnectionId, sessionId, request.UserId));
        ThrowIfRefused(await Call(sessionId, session => session.ChangeLanguage(Context.ConnectionId, request.Language)));
    }

    /// <summary>input-change: the program input everyone's runs read; the others get input-update.</summary>
    [HubMethodName(HubMethods.InputChange)]
    public async Task InputChange(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var request = HubRequests.ReadInputChange(payload);
        ThrowIfRefused(await Call(sessionId, session => session.ChangeInput(Context.ConnectionId, request.Input)));
    }

    /// <summary>submit-operation (protocol "ot"): answers {revision}, or {error} after the error event.</summary>
    [HubMethodName(OtProtocol.SubmitOperation)]
    public async Task<SubmitResult?> SubmitOperation(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var submission = HubRequests.ReadSubmitOperation(payload).ToSubmission();
        var outcome = await sessions.CallAsync(
            Context.ConnectionId, sessionId, session => session.SubmitOperation(Context.ConnectionId, submission), outcome => outcome.Error);
        ThrowIfRefused(outcome.Error);
        return new SubmitResult(outcome.Revision!.Value);
    }

    /// <summary>cursor-change (protocol "ot"): the others get cursor-update with this user's name and color.</summary>
    [HubMethodName(OtProtocol.CursorChange)]
    public async Task CursorChange(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var request = HubRequests.ReadCursorChange(payload);
        ThrowIfRefused(await Call(sessionId, session => session.MoveCursor(Context.ConnectionId, request.Selections)));
    }

    /// <summary>execution-result: the others see this run with who ran it. Answers true once shared.</summary>
    [HubMethodName(HubMethods.ExecutionResult)]
    public async Task<bool> ExecutionResult(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var run = HubRequests.ReadExecutionResult(payload).ToRun();
        ThrowIfRefused(await Call(sessionId, session => session.ShareExecution(Context.ConnectionId, run)));
        metrics.RunShared(run);
        return true;
    }

    /// <summary>end-session (interviewers): everyone gets session-ended; the code and the language are final.</summary>
    [HubMethodName(HubMethods.EndSession)]
    public async Task EndSession(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        ThrowIfRefused(await Call(sessionId, session => session.EndInterview(Context.ConnectionId)));
    }

    /// <summary>activity (candidates): a paste's size or a focus change, for the interviewers' eyes only.</summary>
    [HubMethodName(HubMethods.Activity)]
    public async Task Activity(JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(payload);
        var activity = HubRequests.ReadActivity(payload);
        ThrowIfRefused(await Call(sessionId, session => session.ReportActivity(Context.ConnectionId, activity)));
    }

    public override Task OnDisconnectedAsync(Exception? exception) => sessions.LeaveAsync(Context.ConnectionId);

    /// <summary>The session the payload is for, once this connection is known to be in it.</summary>
    private async ValueTask<Guid> MemberSessionAsync(JsonElement payload)
    {
        var sessionId = HubRequests.SessionOf(payload);
        ThrowIfRefused(await sessions.RefusalOfAsync(Context.ConnectionId, sessionId));
        return sessionId;
    }

    private Task<ErrorPayload?> Call(Guid sessionId, Func<ISessionGrain, Task<ErrorPayload?>> call) =>
        sessions.CallAsync(Context.ConnectionId, sessionId, call, error => error);

    private static void ThrowIfRefused(ErrorPayload? error)
    {
        if (error is not null)
        {
            throw new HubErrorException(error);
        }
    }
}
