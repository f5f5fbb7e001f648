using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>A tab speaking protocol "ot" through the hub: an OtClient over a SignalR connection.</summary>
public sealed class OtHubClient : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly string _sessionId;
    private OtClient _ot = null!;
    private int _inFlight;

    private OtHubClient(HubConnection connection, string sessionId) => (Connection, _sessionId) = (connection, sessionId);

    public HubConnection Connection { get; }
    public string Text { get; private set; } = string.Empty;
    public List<CursorUpdate> Cursors { get; } = [];
    public List<ErrorPayload> Errors { get; } = [];

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _ot.Revision;
            }
        }
    }

    public bool Synchronized
    {
        get
        {
            lock (_gate)
            {
                return _ot.State == OtClientState.Synchronized && _inFlight == 0;
            }
        }
    }

    public static async Task<OtHubClient> JoinAsync(Uri baseAddress, string sessionId, string name)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hub")).Build();
        var client = new OtHubClient(connection, sessionId);
        var joined = new TaskCompletionSource<SessionJoined>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, j => joined.TrySetResult(j));
        connection.On<OperationUpdate>(OtProtocol.Operation, client.OnOperation);
        connection.On<CursorUpdate>(OtProtocol.CursorUpdate, cursor => { lock (client._gate) { client.Cursors.Add(cursor); } });
        connection.On<ErrorPayload>(HubEvents.Error, error => { lock (client._gate) { client.Errors.Add(error); } });
        await connection.StartAsync();
        await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = Guid.NewGuid().ToString(), username = name, protocol = "ot" });
        var session = await joined.Task.WaitAsync(TimeSpan.FromSeconds(15));
        (client._ot, client.Text) = (new OtClient(Guid.NewGuid().ToString("N"), session.Revision, session.CurrentCode), session.CurrentCode);
        return client;
    }

    /// <summary>Types: applies the edit locally at once, and sends it when no other is in flight.</summary>
    public void Edit(TextEdit edit) => EditOnText(_ => edit);

    /// <summary>
    /// Types an edit chosen for the text as it is at that moment: a remote operation applied between
    /// reading <see cref="Text"/> and typing would otherwise leave an edit past the text's end.
    /// </summary>
    public void EditOnText(Func<string, TextEdit> editFor)
    {
        Submission? toSend;
        lock (_gate)
        {
            var operation = editFor(Text).ToOperation(Text.Length);
            Text = operation.Apply(Text);
            toSend = _ot.ApplyLocal(operation);
        }

        Send(toSend);
    }

    public Task MoveCursorAsync(params SelectionRange[] selections) =>
        Connection.InvokeAsync(OtProtocol.CursorChange, new { sessionId = _sessionId, selections });

    private void OnOperation(OperationUpdate update)
    {
        OtClient.Step step;
        lock (_gate)
        {
            step = _ot.Received(update);
            foreach (var operation in step.ToApply)
            {
                Text = operation.Apply(Text);
            }
        }

        Send(step.ToSend);
    }

    private void Send(Submission? submission)
    {
        if (submission is null)
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            var result = await Connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, SubmitOperationPayload.For(_sessionId, submission));
            OtClient.Step step;
            lock (_gate)
            {
                step = result?.Revision is { } revision ? _ot.Acknowledged(revision) : new OtClient.Step([], null); // refused: {error}, after the error event
                foreach (var operation in step.ToApply)
                {
                    Text = operation.Apply(Text);
                }
            }

            Send(step.ToSend);
            Interlocked.Decrement(ref _inFlight);
        });
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
