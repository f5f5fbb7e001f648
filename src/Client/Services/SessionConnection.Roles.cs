using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>Roles, the interviewer notes, ending the interview and the candidate's activity (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public sealed partial class SessionConnection
{
    /// <summary>The session's interviewer key, when this browser has one: every join carries it, and the session makes this tab an interviewer.</summary>
    public string? InterviewerKey { get; set; }

    /// <summary>The notes' revision to catch up from after a reconnect; null for the notes as they are (or no notes here).</summary>
    public Func<long?>? KnownNotesRevision { get; set; }

    /// <summary>A join went and its session-joined has not come yet: a FORBIDDEN now is the join's.</summary>
    public bool AwaitingJoin { get; private set; }

    /// <summary>
    /// The join was answered FORBIDDEN (docs/protocol.md, "Identity", and "Roles, notes, ending and activity"):
    /// this user's id without its token, or a wrong interviewer key. Other refusals come as <see cref="ErrorReceived"/>.
    /// </summary>
    public event Action<ErrorPayload>? JoinRefused;

    /// <summary>session-ended: an interviewer ended the interview.</summary>
    public event Action<InterviewEndedUpdate>? Ended;

    /// <summary>user-updated: a present user's listed role changed.</summary>
    public event Action<UserUpdated>? UserUpdated;

    /// <summary>activity-update (interviewers only): a candidate pasted, left or came back.</summary>
    public event Action<ActivityUpdate>? ActivityReceived;

    /// <summary>Joins again as things are: with this tab's revisions (and the key, if it still has one).</summary>
    public Task RejoinAsync() => JoinAsync();

    /// <summary>Joins again without the notes' revision: the notes as they are (RESYNC_REQUIRED in the notes), the code caught up.</summary>
    public Task ResyncNotesAsync() => SendJoinAsync(JoinPayload(KnownRevision?.Invoke(), notesRevision: null));

    /// <summary>end-session: null once ended, otherwise the refusal.</summary>
    public async Task<ErrorPayload?> EndSessionAsync()
    {
        if (_hub is not { State: HubConnectionState.Connected } hub)
        {
            return new ErrorPayload("Not connected to the session", ErrorCodes.ConnectionError);
        }

        try
        {
            await _pacing.BeforeMessageAsync();
            var answer = await hub.InvokeAsync<JsonElement?>(HubMethods.EndSession, new EndSessionPayload(_sessionId));
            return answer is { } refused ? SubmitAnswer.RefusalOf(refused) : null;
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return new ErrorPayload("The connection dropped", ErrorCodes.ConnectionError);
        }
    }

    /// <summary>activity: a paste's size or a focus change, paced as any control message (never a flood).</summary>
    public Task ReportActivityAsync(ActivityPayload activity) => SendMessageAsync(HubMethods.Activity, activity with { SessionId = _sessionId });

    private void ListenForRoles(HubConnection hub)
    {
        hub.On<InterviewEndedUpdate>(HubEvents.SessionEnded, ended => Ended?.Invoke(ended));
        hub.On<ActivityUpdate>(HubEvents.ActivityUpdate, activity => ActivityReceived?.Invoke(activity));
        hub.On<UserUpdated>(HubEvents.UserUpdated, updated => UserUpdated?.Invoke(updated));
    }
}
