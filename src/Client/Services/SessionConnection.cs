using System.Net.WebSockets;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>
/// This tab's connection to a session, speaking DESIGN.md's "ot" protocol: it never stops trying to be
/// connected (<see cref="ReconnectPolicy"/>, for SignalR's automatic reconnect and for a start that
/// failed), joins again after every reconnect (the connection id changes) with the last revision this
/// tab has, and raises the hub's events as C# events.
/// </summary>
public sealed class SessionConnection(Uri hubUrl, SendPacing? pacing = null, TimeProvider? clock = null) : IAsyncDisposable
{
    private readonly SendPacing _pacing = pacing ?? SendPacing.Default(TimeProvider.System);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private HubConnection? _hub;
    private string _sessionId = string.Empty;
    private string _userId = string.Empty;
    private string _username = string.Empty;
    private readonly RecentErrors _errors = new(clock ?? TimeProvider.System);
    private bool _starting; // the loop of starts runs (after a failed start, or a Retry)
    private bool _tryNow; // Retry: the loop's next try is now
    private CancellationTokenSource? _pause; // the loop's pause before its next try
    private bool _ended;

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
    public event Action<UserJoined>? UserJoined;
    public event Action<UserLeft>? UserLeft;
    public event Action<ErrorPayload>? ErrorReceived;
    public event Action<ExecutionResultUpdate>? ExecutionReceived;
    public event Action<SessionExpiring>? Expiring;

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

            Joined?.Invoke(joined);
        });
        _hub.On<OperationUpdate>(OtProtocol.Operation, update => OperationReceived?.Invoke(update));
        _hub.On<CursorUpdate>(OtProtocol.CursorUpdate, cursor => CursorUpdated?.Invoke(cursor));
        _hub.On<LanguageUpdate>(HubEvents.LanguageUpdate, update => LanguageUpdated?.Invoke(update));
        _hub.On<UserJoined>(HubEvents.UserJoined, joined => UserJoined?.Invoke(joined));
        _hub.On<UserLeft>(HubEvents.UserLeft, left => UserLeft?.Invoke(left));
        _hub.On<ExecutionResultUpdate>(HubEvents.ExecutionResult, update => ExecutionReceived?.Invoke(update));
        _hub.On<SessionExpiring>(HubEvents.SessionExpiring, expiring => Expiring?.Invoke(expiring));
        _hub.On<ErrorPayload>(HubEvents.Error, error =>
        {
            _errors.Add(error);
            ErrorReceived?.Invoke(error);
        });
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
            KeepStarting(0);
            return Task.CompletedTask;
        };
        if (!await TryStartAsync())
        {
            KeepStarting(0);
        }
    }

    /// <summary>Offline: try now rather than at the next automatic try.</summary>
    public async Task RetryAsync()
    {
        if (_hub is null || _ended)
        {
            return;
        }

        if (_hub.State == HubConnectionState.Reconnecting)
        {
            await _hub.StopAsync(); // SignalR's own reconnect cannot be hurried: the loop of starts takes over
        }

        KeepStarting(ReconnectPolicy.QuickTries, now: true);
    }

    /// <summary>The session is gone: no more tries, the connection closes.</summary>
    public async Task EndAsync()
    {
        End();
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
            var mark = _errors.Mark;
            var result = await hub.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, SubmitOperationPayload.For(_sessionId, submission));
            return result is not null ? SubmitAnswer.Created(result.Revision) : SubmitAnswer.For(await _errors.SinceAsync(mark, SubmitAnswer.CouldAnswer));
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
            var mark = _errors.Mark;
            return await hub.InvokeAsync<bool?>(HubMethods.ExecutionResult, payload) == true ? null
                : (await _errors.SinceAsync(mark, _ => true))?.Message ?? "the session refused it";
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return "the connection dropped";
        }
    }

    /// <summary>Joins again without a revision: the session's text as it is (after a refusal or RESYNC_REQUIRED).</summary>
    public Task ResyncAsync() => SendMessageAsync(HubMethods.JoinSession, JoinPayload(revision: null));

    /// <summary>Joins as another user (this tab's identity was taken by someone else in the meantime).</summary>
    public Task RejoinAsAsync(string userId)
    {
        (_userId, UserToken) = (userId, null);
        return JoinAsync();
    }

    public async Task MoveCursorAsync(IReadOnlyList<SelectionRange> selections)
    {
        await _pacing.BeforeOperationAsync();
        await SendAsync(OtProtocol.CursorChange, new { sessionId = _sessionId, selections });
    }

    public Task ChangeLanguageAsync(string language) =>
        SendMessageAsync(HubMethods.LanguageChange, new { sessionId = _sessionId, language, userId = _userId });

    public async ValueTask DisposeAsync()
    {
        End();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts the connection again and again, with <see cref="ReconnectPolicy"/>'s pauses, until it is up
    /// (one loop at a time; a Retry cuts the current pause short).
    /// </summary>
    private void KeepStarting(long previousTries, bool now = false)
    {
        bool start;
        CancellationTokenSource? pause;
        lock (_gate)
        {
            _tryNow |= now;
            start = !_starting && !_ended;
            _starting |= start;
            pause = _pause;
        }

        if (start)
        {
            _ = StartLoopAsync(previousTries);
        }
        else if (now)
        {
            pause?.Cancel();
        }
    }

    private async Task StartLoopAsync(long previousTries)
    {
        try
        {
            for (var tries = previousTries; !_ended; tries++)
            {
                var pause = new CancellationTokenSource(); // not disposed: it may be cancelled after the pause (no timer, nothing to free)
                lock (_gate)
                {
                    _pause = pause;
                    if (_tryNow)
                    {
                        _tryNow = false;
                        pause.Cancel();
                    }
                }

                if (tries >= ReconnectPolicy.QuickTries)
                {
                    SetState(ConnectionState.Offline);
                }

                try
                {
                    await Task.Delay(ReconnectPolicy.DelayAfter(tries), _clock, pause.Token);
                }
                catch (OperationCanceledException)
                {
                    SetState(ConnectionState.Connecting); // Retry: now
                }
                finally
                {
                    lock (_gate)
                    {
                        _pause = null;
                    }
                }

                if (_ended || await TryStartAsync())
                {
                    return;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _starting = false;
            }
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

    private void End()
    {
        CancellationTokenSource? pause;
        lock (_gate)
        {
            (_ended, pause) = (true, _pause);
        }

        pause?.Cancel();
    }

    private Task JoinAsync() => SendMessageAsync(HubMethods.JoinSession, JoinPayload(KnownRevision?.Invoke()));

    private object JoinPayload(long? revision) => new
    {
        sessionId = _sessionId,
        userId = _userId,
        username = _username,
        protocol = OtProtocol.Name,
        revision,
        clientId = KnownClientId?.Invoke(),
        userToken = UserToken,
    };

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
