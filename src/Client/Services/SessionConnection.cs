using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>
/// This tab's connection to a session, speaking DESIGN.md's "ot" protocol: SignalR's automatic reconnect
/// with SPEC.md's delays, a fresh join-session after every reconnect (the connection id changes) with
/// the last revision this tab has, and the hub's events as C# events.
/// </summary>
public sealed class SessionConnection(Uri hubUrl, SendPacing? pacing = null) : IAsyncDisposable
{
    private readonly SendPacing _pacing = pacing ?? SendPacing.Default(TimeProvider.System);
    private HubConnection? _hub;
    private string _sessionId = string.Empty;
    private string _userId = string.Empty;
    private string _username = string.Empty;
    private ErrorPayload? _lastError; // the hub sends a refusal's error event before it completes the call

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    public event Action? StateChanged;
    public event Action<SessionJoined>? Joined;
    public event Action<OperationUpdate>? OperationReceived;
    public event Action<CursorUpdate>? CursorUpdated;

    /// <summary>The revision this tab has, for catching up after a reconnect; null before the first join.</summary>
    public Func<long?>? KnownRevision { get; set; }
    public event Action<LanguageUpdate>? LanguageUpdated;
    public event Action<UserJoined>? UserJoined;
    public event Action<UserLeft>? UserLeft;
    public event Action<ErrorPayload>? ErrorReceived;
    public event Action<ExecutionResultUpdate>? ExecutionReceived;

    public async Task ConnectAsync(string sessionId, string userId, string username)
    {
        (_sessionId, _userId, _username) = (sessionId, userId, username);
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl)
            .WithAutomaticReconnect(new SpecRetryPolicy())
            .Build();
        _hub.On<SessionJoined>(HubEvents.SessionJoined, joined => Joined?.Invoke(joined));
        _hub.On<OperationUpdate>(OtProtocol.Operation, update => OperationReceived?.Invoke(update));
        _hub.On<CursorUpdate>(OtProtocol.CursorUpdate, cursor => CursorUpdated?.Invoke(cursor));
        _hub.On<LanguageUpdate>(HubEvents.LanguageUpdate, update => LanguageUpdated?.Invoke(update));
        _hub.On<UserJoined>(HubEvents.UserJoined, joined => UserJoined?.Invoke(joined));
        _hub.On<UserLeft>(HubEvents.UserLeft, left => UserLeft?.Invoke(left));
        _hub.On<ExecutionResultUpdate>(HubEvents.ExecutionResult, update => ExecutionReceived?.Invoke(update));
        _hub.On<ErrorPayload>(HubEvents.Error, error =>
        {
            _lastError = error;
            ErrorReceived?.Invoke(error);
        });
        _hub.Reconnecting += _ => SetState(ConnectionState.Reconnecting);
        _hub.Reconnected += async _ =>
        {
            await SetState(ConnectionState.Connected);
            await JoinAsync();
        };
        _hub.Closed += _ => SetState(ConnectionState.Offline);
        await StartAsync();
    }

    /// <summary>After the automatic reconnect gave up: try again now.</summary>
    public Task RetryAsync() => _hub is null ? Task.CompletedTask : StartAsync();

    public async Task<SubmitAnswer> SubmitAsync(Submission submission)
    {
        if (_hub is not { State: HubConnectionState.Connected } hub)
        {
            return SubmitAnswer.Undelivered;
        }

        try
        {
            await _pacing.BeforeOperationAsync();
            var result = await hub.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, SubmitOperationPayload.For(_sessionId, submission));
            return result is not null ? SubmitAnswer.Created(result.Revision)
                : _lastError?.Code == ErrorCodes.ResyncRequired ? SubmitAnswer.Resync
                : _lastError?.Code == ErrorCodes.ConnectionError ? SubmitAnswer.Undelivered // the server failed, not the edit
                : SubmitAnswer.RefusedByServer;
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return SubmitAnswer.Undelivered;
        }
    }

    /// <summary>DESIGN.md's execution-result: shows this run to the others; null once shared, otherwise why not.</summary>
    public async Task<string?> ShareRunAsync(ExecutionResult run)
    {
        if (_hub is not { State: HubConnectionState.Connected } hub)
        {
            return "not connected to the session";
        }

        try
        {
            var payload = new
            {
                sessionId = _sessionId,
                run.Language,
                run.Success,
                run.Output,
                run.Error,
                run.ExecutionTime,
                run.Logs,
                run.ErrorCode,
                run.Line,
            };
            await _pacing.BeforeMessageAsync();
            return await hub.InvokeAsync<bool?>(HubMethods.ExecutionResult, payload) == true ? null : _lastError?.Message ?? "the session refused it";
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return "the connection dropped";
        }
    }

    /// <summary>Joins again without a revision: the session's text as it is (after a refusal or RESYNC_REQUIRED).</summary>
    public Task ResyncAsync() =>
        SendMessageAsync(HubMethods.JoinSession, new { sessionId = _sessionId, userId = _userId, username = _username, protocol = OtProtocol.Name });

    public async Task MoveCursorAsync(IReadOnlyList<SelectionRange> selections)
    {
        await _pacing.BeforeOperationAsync();
        await SendAsync(OtProtocol.CursorChange, new { sessionId = _sessionId, selections });
    }

    public Task ChangeLanguageAsync(string language) =>
        SendMessageAsync(HubMethods.LanguageChange, new { sessionId = _sessionId, language, userId = _userId });

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private async Task StartAsync()
    {
        await SetState(ConnectionState.Connecting);
        try
        {
            await _hub!.StartAsync();
            await SetState(ConnectionState.Connected);
            await JoinAsync();
        }
        catch (HttpRequestException)
        {
            await SetState(ConnectionState.Offline);
        }
    }

    private Task JoinAsync() => SendMessageAsync(HubMethods.JoinSession, new
    {
        sessionId = _sessionId,
        userId = _userId,
        username = _username,
        protocol = OtProtocol.Name,
        revision = KnownRevision?.Invoke(),
    });

    private async Task SendMessageAsync(string method, object payload)
    {
        await _pacing.BeforeMessageAsync();
        await SendAsync(method, payload);
    }

    private Task SendAsync(string method, object payload) =>
        _hub is { State: HubConnectionState.Connected } hub ? hub.SendAsync(method, payload) : Task.CompletedTask;

    private Task SetState(ConnectionState state)
    {
        State = state;
        StateChanged?.Invoke();
        return Task.CompletedTask; // SignalR's connection events are asynchronous handlers
    }
}
