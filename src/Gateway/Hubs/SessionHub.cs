using System.Text.Json;
using Interview.Gateway.Monitoring;
using Interview.Gateway.Sessions;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>
/// SPEC.md's socket API at /hub: method and event names are the spec's, verbatim. Payloads arrive as
/// raw JSON so a missing or mistyped field gets INVALID_PAYLOAD instead of a binder failure.
/// </summary>
public sealed class SessionHub(GatewaySessions sessions, InterviewMetrics metrics) : Hub
{
    [HubMethodName(HubMethods.JoinSession)]
    public async Task JoinSession(JsonElement payload)
    {
        var request = HubRequests.ReadJoin(payload);
        var joined = await sessions.JoinAsync(Context.ConnectionId, request);
        await Clients.Caller.SendAsync(HubEvents.SessionJoined, joined);
    }

    [HubMethodName(HubMethods.CodeChange)]
    public async Task CodeChange(JsonElement payload)
    {
        await sessions.RequireMemberAsync(Context.ConnectionId, HubRequests.SessionOf(payload));
        var request = HubRequests.ReadCodeChange(payload);
        await sessions.RequireMemberAsync(Context.ConnectionId, request.SessionId, request.UserId);
        ThrowIfRefused(await Call(request.SessionId, session => session.ChangeCode(Context.ConnectionId, request.Code)));
    }

    [HubMethodName(HubMethods.LanguageChange)]
    public async Task LanguageChange(JsonElement payload)
    {
        await sessions.RequireMemberAsync(Context.ConnectionId, HubRequests.SessionOf(payload));
        var request = HubRequests.ReadLanguageChange(payload);
        await sessions.RequireMemberAsync(Context.ConnectionId, request.SessionId, request.UserId);
        ThrowIfRefused(await Call(request.SessionId, session => session.ChangeLanguage(Context.ConnectionId, request.Language)));
    }

    /// <summary>DESIGN.md's submit-operation (protocol "ot"): answers {revision}, or null with an error event.</summary>
    [HubMethodName(OtProtocol.SubmitOperation)]
    public async Task<SubmitResult?> SubmitOperation(JsonElement payload)
    {
        await sessions.RequireMemberAsync(Context.ConnectionId, HubRequests.SessionOf(payload));
        var request = HubRequests.ReadSubmitOperation(payload);
        var outcome = await sessions.CallAsync(
            Context.ConnectionId, request.SessionId, session => session.SubmitOperation(Context.ConnectionId, request.Submission), outcome => outcome.Error);
        ThrowIfRefused(outcome.Error);
        return new SubmitResult(outcome.Revision!.Value);
    }

    /// <summary>DESIGN.md's cursor-change: the others get cursor-update with this user's name and color.</summary>
    [HubMethodName(OtProtocol.CursorChange)]
    public async Task CursorChange(JsonElement payload)
    {
        await sessions.RequireMemberAsync(Context.ConnectionId, HubRequests.SessionOf(payload));
        var request = HubRequests.ReadCursorChange(payload);
        ThrowIfRefused(await Call(request.SessionId, session => session.MoveCursor(Context.ConnectionId, request.Selections)));
    }

    /// <summary>DESIGN.md's execution-result: the others see this run with who ran it. Answers true once shared.</summary>
    [HubMethodName(HubMethods.ExecutionResult)]
    public async Task<bool> ExecutionResult(JsonElement payload)
    {
        await sessions.RequireMemberAsync(Context.ConnectionId, HubRequests.SessionOf(payload));
        var request = HubRequests.ReadExecutionResult(payload);
        ThrowIfRefused(await Call(request.SessionId, session => session.ShareExecution(Context.ConnectionId, request.Run)));
        metrics.RunShared(request.Run);
        return true;
    }

    public override Task OnDisconnectedAsync(Exception? exception) => sessions.LeaveAsync(Context.ConnectionId);

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
