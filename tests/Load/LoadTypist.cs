using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Load;

/// <summary>
/// One simulated participant speaking protocol "ot", as light as a connection can be: an
/// OtClient, a text, and the send time of each of its operations, so the others can tell how long a
/// keystroke took to reach them. Types only its own character, at random places, so in the end each
/// character's count says whether any keystroke was lost or doubled.
/// </summary>
public sealed class LoadTypist(HubConnection connection, string sessionId, char letter, Run run) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Random _random = new(letter * 7919 + sessionId.GetHashCode());
    private OtClient _ot = null!;
    private long _oldestUnsentKeystroke; // 0 when everything typed has been sent

    private TextDocument _text = new(string.Empty); // changed in place, as the server's: no copy per keystroke

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
    public char Letter => letter;
    public string ClientId { get; } = Guid.NewGuid().ToString("N");
    public int Keystrokes { get; private set; }
    public int Errors { get; private set; }

    public bool Settled
    {
        get
        {
            lock (_gate)
            {
                return _ot.State == OtClientState.Synchronized;
            }
        }
    }

    public static async Task<LoadTypist> JoinAsync(Uri hub, string sessionId, char letter, Run run, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var typist = new LoadTypist(connection, sessionId, letter, run);
        var joined = new TaskCompletionSource<SessionJoined>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, j => joined.TrySetResult(j));
        connection.On<OperationUpdate>(OtProtocol.Operation, typist.OnOperation);
        connection.On<ErrorPayload>(HubEvents.Error, error => typist.OnError(error));
        await connection.StartAsync();
        await connection.SendAsync(HubMethods.JoinSession, new { sessionId, userId = Guid.NewGuid().ToString(), username = $"load-{letter}", protocol = "ot" });
        var session = await joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
        typist._ot = new OtClient(typist.ClientId, session.Revision, session.CurrentCode);
        typist._text = new TextDocument(session.CurrentCode);
        return typist;
    }

    /// <summary>One keystroke: this typist's letter at a random place.</summary>
    public void Type()
    {
        Submission? toSend;
        lock (_gate)
        {
            var at = _random.Next(_text.Length + 1);
            var operation = new TextOperation.Builder().Retain(at).Insert(letter.ToString()).Retain(_text.Length - at).Build();
            _text.Apply(operation);
            Keystrokes++;
            if (_oldestUnsentKeystroke == 0)
            {
                _oldestUnsentKeystroke = Latencies.Now;
            }

            toSend = _ot.ApplyLocal(operation);
        }

        Send(toSend);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private void OnOperation(OperationUpdate update)
    {
        run.OperationReceived(update);
        OtClient.Step step;
        lock (_gate)
        {
            step = _ot.Received(update);
            foreach (var operation in step.ToApply)
            {
                _text.Apply(operation);
            }
        }

        Send(step.ToSend);
    }

    private void OnError(ErrorPayload error)
    {
        lock (_gate)
        {
            Errors++;
        }

        run.Error(error.Code);
    }

    private void Send(Submission? submission)
    {
        if (submission is null)
        {
            return;
        }

        long typedAt;
        lock (_gate)
        {
            // The submission carries every keystroke since the last one sent: its latency is its oldest's.
            typedAt = _oldestUnsentKeystroke == 0 ? Latencies.Now : _oldestUnsentKeystroke;
            _oldestUnsentKeystroke = 0;
        }

        run.OperationSent(submission.ClientId, submission.Seq, typedAt);
        _ = SubmitAsync(submission);
    }

    private async Task SubmitAsync(Submission submission)
    {
        SubmitResult? result;
        try
        {
            result = await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, SubmitOperationPayload.For(sessionId, submission));
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            run.Error("SUBMIT_FAILED");
            return;
        }

        OtClient.Step step;
        lock (_gate)
        {
            step = result?.Revision is { } revision ? _ot.Acknowledged(revision) : new OtClient.Step([], null); // refused: {error}, after the error event
            foreach (var operation in step.ToApply)
            {
                _text.Apply(operation);
            }
        }

        Send(step.ToSend);
    }
}
