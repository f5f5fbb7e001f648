using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// A participant as the Blazor client is one: its SessionConnection (SignalR with the client's reconnect,
/// rejoining with its revision) and CollaborativeEditor (OT, resends), on one thread like a tab, with a
/// plain text standing in for Monaco. Types whole tokens at the start or end of the text, so every token
/// stays contiguous whatever the others type, and can be counted in the end.
/// </summary>
public sealed class Typist : IAsyncDisposable, IEditorView
{
    private readonly BrowserThread _thread;
    private readonly SessionConnection _connection;
    private readonly List<string> _typed = [];
    private CollaborativeEditor? _editor;
    private string _text = string.Empty;

    private Typist(string name, Uri gateway)
    {
        (Name, _thread) = (name, new BrowserThread(name));
        _connection = new SessionConnection(new Uri(gateway, "/hub"));
    }

    public string Name { get; }
    public string UserId { get; } = Guid.NewGuid().ToString();
    // Written on the tab's thread; read them through OnTabAsync.
    public List<UserJoined> Joins { get; } = [];
    public List<UserLeft> Leaves { get; } = [];
    public List<LanguageUpdate> Languages { get; } = [];
    public List<ErrorPayload> Errors { get; } = [];
    public IReadOnlyList<string> Typed => _typed;
    public ConnectionState State => _connection.State;

    public static async Task<Typist> JoinAsync(Uri gateway, Guid sessionId, string name)
    {
        var typist = new Typist(name, gateway);
        await typist._thread.RunAsync(async () =>
        {
            var connection = typist._connection;
            connection.KnownRevision = () => typist._editor?.Revision;
            connection.Joined += joined => typist.OnThread(() =>
            {
                typist._editor ??= new CollaborativeEditor(typist, connection.SubmitAsync, connection.ResyncAsync);
                typist._editor.Joined(joined);
            });
            connection.OperationReceived += update => typist.OnThread(() => typist._editor?.Received(update));
            connection.UserJoined += joined => typist.OnThread(() => typist.Joins.Add(joined));
            connection.UserLeft += left => typist.OnThread(() => typist.Leaves.Add(left));
            connection.LanguageUpdated += update => typist.OnThread(() => typist.Languages.Add(update));
            connection.ErrorReceived += error => typist.OnThread(() => typist.Errors.Add(error));
            await connection.ConnectAsync(sessionId.ToString("D"), typist.UserId, name);
            return true;
        });
        await Eventually.HoldsAsync(async () => await typist._thread.RunAsync(() => typist._editor is not null), $"{name} joined the session");
        return typist;
    }

    /// <summary>Types one token as one keystroke, at the start or the end of the text.</summary>
    public Task TypeAsync(string token, bool atStart = false) => _thread.RunAsync(() =>
    {
        var operation = new TextEdit(atStart ? 0 : _text.Length, 0, token).ToOperation(_text.Length);
        _text = operation.Apply(_text);
        _typed.Add(token);
        _editor!.LocalChange(operation);
    });

    public Task<string> TextAsync() => _thread.RunAsync(() => _text);

    /// <summary>Reads this tab's state on its own thread.</summary>
    public Task<T> OnTabAsync<T>(Func<Typist, T> read) => _thread.RunAsync(() => read(this));

    /// <summary>Whether everything typed here was acknowledged, and the text is what the session has.</summary>
    public Task<bool> SettledAsync() => _thread.RunAsync(() => _editor is { Synchronized: true } editor && editor.Text == _text);

    public Task ChangeLanguageAsync(string language) => _thread.RunAsync(() => _connection.ChangeLanguageAsync(language).ContinueWith(_ => true));

    void IEditorView.SetText(string text) => _text = text;

    void IEditorView.Apply(TextOperation operation) => _text = operation.Apply(_text);

    void IEditorView.ShowCursors(IReadOnlyList<RemoteCursor> cursors)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await _thread.RunAsync(async () =>
        {
            await _connection.DisposeAsync();
            return true;
        });
        _thread.Dispose();
    }

    private void OnThread(Action action) => _thread.Post(_ => action(), null);
}
