using System.Net.WebSockets;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>
/// This tab's connection to a session, speaking protocol "ot" (docs/protocol.md, "Operations"): it never
/// stops trying to be connected (<see cref="ReconnectPolicy"/>, for SignalR's automatic reconnect, and
/// <see cref="StartLoop"/> for a start that failed), joins again after every reconnect (the connection id
/// changes) with the last revision this tab has, and raises the hub's events as C# events. A refused
/// invocation says why in its own answer (docs/protocol.md, "Refusals and errors").
/// </summary>
public sealed partial class SessionConnection(Uri hubUrl, SendPacing? pacing = null, TimeProvider? clock = null) : IAsyncDisposable
{
    private readonly SendPacing _pacing = pacing ?? SendPacing.Default(TimeProvider.System);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private StartLoop? _starts;
    private HubConnection? _hub;
    private string _sessionId = string.Empty;
    private string _userId = string.Empty;
    private string _username = string.Empty;

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    /// <summary>The last start was refused with 429: this network has as many connections open as the server allows.</summary>
    public bool TooManyConnections { get; private set; }

    public event Action? StateChanged;
    public event Action<SessionJoined>? Joined;
    public event Action<OperationUpdate>? OperationReceived;
    public event Action<CursorUpdate>? CursorUpdated;

    /// <summary>The revision to catch up from after a reconnect; null for the session's text as it is.</summary>
    public Func<long?>? KnownRevision { get; set; }

    /// <summary>
    /// The secret session-joined gave this user: every later join carries it, so the session knows this tab
    /// is the user it says (a join naming a present user without it is refused with FORBIDDEN).
    /// </summary>
    public string? UserToken { get; set; }

    /// <summary>The session gave this user a token (to keep for this browser's other tabs).</summary>
    public event Action<string>? TokenIssued;

    public string UserId => _userId;

    /// <summary>This tab's OT client id, so a rejoin is told which of its operations the session applied.</summary>
    public Func<string?>? KnownClientId { get; set; }
    public event Action<LanguageUpdate>? LanguageUpdated;
    public event Action<InputUpdate>? InputUpdated;
    public event Action<UserJoined>? UserJoined;
    public event Action<UserLeft>? UserLeft;
    public event Action<ErrorPayload>? ErrorReceived;
    public event Action<ExecutionResultUpdate>? ExecutionReceived;
    public event Action<SessionExpiring>? Expiring;

    private StartLoop Starts => _starts ??= new StartLoop(TryStartAsync, SetState, _clock);

    public async Task ConnectAsync(string sessionId, string userId, string username)
    {
        (_sessionId, _userId, _username) = (sessionId, userId, username);
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl)
            .WithAutomaticReconnect(new ReconnectPolicy(() => SetState(ConnectionState.Offline)))
            .Build();
        _hub.On<SessionJoined>(HubEvents.SessionJoined, joined =>
        {
            if (joined.UserToken is { } token && token != UserToken)
            {
                UserToken = token;
                TokenIssued?.Invoke(token);
            }

            AwaitingJoin = false;
            Joined?.Invoke(joined);
        });
        _hub.On<OperationUpdate>(OtProtocol.Operation, update => OperationReceived?.Invoke(update));
        _hub.On<CursorUpdate>(OtProtocol.CursorUpdate, cursor => CursorUpdated?.Invoke(cursor));
        _hub.On<LanguageUpdate>(HubEvents.LanguageUpdate, update => LanguageUpdated?.Invoke(update));
        _hub.On<InputUpdate>(HubEvents.InputUpdate, update => InputUpdated?.Invoke(update));
        _hub.On<UserJoined>(HubEvents.UserJoined, joined => UserJoined?.Invoke(joined));
        _hub.On<UserLeft>(HubEvents.UserLeft, left => UserLeft?.Invoke(left));
        _hub.On<ExecutionResultUpdate>(HubEvents.ExecutionResult, update => ExecutionReceived?.Invoke(update));
        _hub.On<SessionExpiring>(HubEvents.SessionExpiring, expiring => Expiring?.Invoke(expiring));
        _hub.On<ErrorPayload>(HubEvents.Error, error =>
        {
            if (AwaitingJoin && error.Code == ErrorCodes.Forbidden)
            {
                AwaitingJoin = false;
                JoinRefused?.Invoke(error);
                return;
            }

            ErrorReceived?.Invoke(error);
        });
        ListenForRoles(_hub);
        _hub.Reconnecting += _ =>
        {
            SetState(ConnectionState.Reconnecting);
            return Task.CompletedTask;
        };
        _hub.Reconnected += async _ =>
        {
            SetState(ConnectionState.Connected);
            await JoinAsync();
        };
        _hub.Closed += _ =>
        {
            // Only a stop ends SignalR's reconnecting (its policy never gives up): a Retry's, or the end.
            Starts.Keep(0);
            return Task.CompletedTask;
        };
        if (!await TryStartAsync())
        {
            Starts.Keep(0);
        }
    }

    /// <summary>Offline: try now rather than at the next automatic try.</summary>
    public async Task RetryAsync()
    {
        if (_hub is null || Starts.Ended)
        {
            return;
        }

        if (_hub.State == HubConnectionState.Reconnecting)
        {
            await _hub.StopAsync(); // SignalR's own reconnect cannot be hurried: the loop of starts takes over
        }

        Starts.Keep(ReconnectPolicy.QuickTries, now: true);
    }

    /// <summary>The session is gone: no more tries, the connection closes.</summary>
    public async Task EndAsync()
    {
        Starts.End();
        if (_hub is not null)
        {
            await _hub.StopAsync();
        }
    }

    public async Task<SubmitAnswer> SubmitAsync(Submission submission)
    {
        if (_hub is not { State: HubConnectionState.Connected } hub)
        {
            return SubmitAnswer.Undelivered;
        }

        try
        {
            await _pacing.BeforeOperationAsync();
            return SubmitAnswer.Of(await hub.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, SubmitOperationPayload.For(_sessionId, submission)));
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return SubmitAnswer.Undelivered;
        }
    }

    /// <summary>execution-result: shows this run to the others; null once shared, otherwise why not (the answer's error).</summary>
    public async Task<string?> ShareRunAsync(ExecutionResult run)
    {
        if (_hub is not { State: HubConnectionState.Connected } hub)
        {
            return "not connected to the session";
        }

        try
        {
            await _pacing.BeforeMessageAsync();
            var answer = await hub.InvokeAsync<JsonElement>(HubMethods.ExecutionResult, ExecutionResultPayload.For(_sessionId, run));
            return answer.ValueKind == JsonValueKind.True ? null : SubmitAnswer.RefusalOf(answer)?.Message ?? "the session refused it";
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return "the connection dropped";
        }
    }

    /// <summary>Joins again without a revision: the session's text as it is (after a refusal or RESYNC_REQUIRED).</summary>
    public Task ResyncAsync() => SendJoinAsync(JoinPayload(revision: null, KnownNotesRevision?.Invoke()));

    /// <summary>Joins as another user (this tab's identity was taken by someone else in the meantime).</summary>
    public Task RejoinAsAsync(string userId)
    {
        (_userId, UserToken) = (userId, null);
        return JoinAsync();
    }

    public async Task MoveCursorAsync(IReadOnlyList<SelectionRange> selections)
    {
        await _pacing.BeforeOperationAsync();
        await SendAsync(OtProtocol.CursorChange, new CursorChangePayload(_sessionId, selections));
    }

    public Task ChangeLanguageAsync(string language) =>
        SendMessageAsync(HubMethods.LanguageChange, new LanguageChangePayload(_sessionId, _userId, language));

    /// <summary>input-change: the whole program input.</summary>
    public Task ChangeInputAsync(string input) =>
        SendMessageAsync(HubMethods.InputChange, new InputChangePayload(_sessionId, input));

    public async ValueTask DisposeAsync()
    {
        Starts.End();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private async Task<bool> TryStartAsync()
    {
        if (_hub is not { State: HubConnectionState.Disconnected } hub)
        {
            return true; // up, or on its way up by SignalR's own reconnect
        }

        try
        {
            await hub.StartAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or WebSocketException or TimeoutException
            or IOException or AggregateException or InvalidOperationException or OperationCanceledException)
        {
            TooManyConnections = exception is HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests };
            StateChanged?.Invoke();
            return false;
        }

        TooManyConnections = false;
        SetState(ConnectionState.Connected);
        await JoinAsync();
        return true;
    }

    private Task JoinAsync() => SendJoinAsync(JoinPayload(KnownRevision?.Invoke(), KnownNotesRevision?.Invoke()));

    private JoinSessionPayload JoinPayload(long? revision, long? notesRevision) =>
        new(_sessionId, _userId, _username, OtProtocol.Name, revision, KnownClientId?.Invoke(), UserToken, InterviewerKey, InterviewerKey is null ? null : notesRevision);

    private async Task SendJoinAsync(JoinSessionPayload join)
    {
        await _pacing.BeforeMessageAsync();
        AwaitingJoin = _hub is { State: HubConnectionState.Connected };
        await SendAsync(HubMethods.JoinSession, join);
    }

    private async Task SendMessageAsync(string method, object payload)
    {
        await _pacing.BeforeMessageAsync();
        await SendAsync(method, payload);
    }

    private Task SendAsync(string method, object payload) =>
        _hub is { State: HubConnectionState.Connected } hub ? hub.SendAsync(method, payload) : Task.CompletedTask;

    private void SetState(ConnectionState state)
    {
        if (state != State)
        {
            State = state;
            StateChanged?.Invoke();
        }
    }
}
