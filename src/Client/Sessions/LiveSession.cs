using Interview.Client.Activity;
using Interview.Client.Editing;
using Interview.Client.Running;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Client.Sessions;

/// <summary>
/// One open session page's live session: the connection, the collaborative editor bound to Monaco, the
/// runs, who is there, the notices and the session's end (docs/architecture.md, "The client"); for an
/// interviewer the notes and the candidates' activity, for a candidate the reports of it (LiveSession.Roles.cs). The page
/// renders what it holds when <see cref="Changed"/> says; every event is handled on the page's renderer
/// (the dispatch given to <see cref="OpenAsync"/>), as the page's own handlers would be.
/// </summary>
public sealed partial class LiveSession(
    SessionApi api, LocalIdentity identity, SessionConnection connection, IEditorHost editorHost, CodeRuns runs, TimeProvider clock, IActivityHost activityHost)
    : IAsyncDisposable
{
    /// <summary>The Monaco editor's element id, which the collaborative editor binds to.</summary>
    public const string EditorId = "code-editor";

    private readonly List<ParticipantInfo> _users = [];
    private Func<Func<Task>, Task> _dispatch = work => work();
    private SessionIdentity? _identity;
    private CursorPacing? _cursors;
    private Task _preparing = Task.CompletedTask; // not awaited: it reports through Runs.Changed
    private bool _disposed;

    public SessionStage Stage { get; private set; } = SessionStage.Loading;
    public SessionLookupStatus Problem { get; private set; }
    public string SessionId { get; private set; } = string.Empty;
    public string UserId { get; private set; } = string.Empty;
    public string Language { get; private set; } = Languages.Default;

    /// <summary>The text the editor starts with: the session's at the first join.</summary>
    public string InitialCode { get; private set; } = string.Empty;

    public bool HasJoined { get; private set; }
    public IReadOnlyList<ParticipantInfo> Users => _users;
    public SessionNotices Notices { get; } = new();

    /// <summary>The session ended or vanished while open: the text stays, read-only.</summary>
    public SessionLookupStatus? Gone { get; private set; }

    /// <summary>The latest warning of the session's end.</summary>
    public SessionExpiring? Expiry { get; private set; }

    public CollaborativeEditor? Editor { get; private set; }
    public SessionConnection Connection => connection;
    public CodeRuns Runs => runs;

    /// <summary>Something the page shows changed.</summary>
    public event Action? Changed;

    /// <summary>The program input everyone's runs read.</summary>
    public ProgramInput Input { get; } = new(connection.ChangeInputAsync, clock);

    /// <summary>What the editor shows now (or started with), for a run, a copy, a download.</summary>
    public string CurrentCode() => Editor?.Text ?? InitialCode;

    /// <summary>Looks the session up and joins it under the stored name, or asks for one.</summary>
    public async Task OpenAsync(string sessionId, Func<Func<Task>, Task> dispatch)
    {
        (SessionId, _dispatch) = (sessionId, dispatch);
        if (!SessionIds.IsUuidV4(sessionId))
        {
            Show(SessionLookupStatus.Invalid);
            return;
        }

        var lookup = await api.LookupAsync(sessionId);
        if (lookup.Status != SessionLookupStatus.Found)
        {
            Show(lookup.Status);
            return;
        }

        Language = lookup.Details!.Language;
        runs.Changed += OnChanged;
        _preparing = runs.LanguageIsAsync(Language); // Pyodide loads while the page joins; the panel shows how far
        UserId = await identity.GetUserIdAsync();
        if (await identity.GetNameAsync() is { } name)
        {
            await ConnectAsync(name);
        }
        else
        {
            Stage = SessionStage.AskName;
        }
    }

    public async Task NameGivenAsync(string name) => await ConnectAsync(await identity.SetNameAsync(name));

    /// <summary>Monaco is up: the collaborative editor is bound to it.</summary>
    public async Task EditorReadyAsync()
    {
        await editorHost.AttachAsync(EditorId, Editor!, selections => _cursors!.MovedAsync(selections));
        if (_disposed)
        {
            editorHost.Detach(EditorId, Editor!); // the page went while Monaco was being bound
            return;
        }

        await activityHost.WatchAsync(EditorId, _activity!);
        if (_disposed)
        {
            activityHost.Unwatch(_activity!);
        }
    }

    /// <summary>Runs what this tab's editor shows, in the session's language.</summary>
    public Task RunAsync()
    {
        var me = _users.FirstOrDefault(u => u.Id == UserId)?.Username ?? "you";
        _ = Input.FlushAsync(); // the others' next run reads what this one reads
        return runs.RunAsync(Language, CurrentCode(), me, Input.Text);
    }

    public async Task ChangeLanguageAsync(string language)
    {
        Language = language;
        await Task.WhenAll(connection.ChangeLanguageAsync(language), runs.LanguageIsAsync(language));
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        runs.Changed -= OnChanged;
        Unsubscribe();
        if (Editor is not null)
        {
            Editor.StatusChanged -= OnChanged;
            Editor.Refused -= OnRefused;
            editorHost.Detach(EditorId, Editor); // the bridge keeps no editor of a page that has gone
        }

        DropNotes();
        if (_activity is not null)
        {
            activityHost.Unwatch(_activity);
        }

        // The runners this page started end with it (the runner module outlives the page): a program
        // still running, a spare, and whatever they would still answer.
        await runs.CloseAsync();
        await connection.DisposeAsync();
    }

    private string SessionKey => SessionId.ToLowerInvariant();

    private async Task ConnectAsync(string name)
    {
        Stage = SessionStage.Workspace;
        _identity = new SessionIdentity(identity, connection, clock, SessionKey);
        _cursors = new CursorPacing(connection.MoveCursorAsync);
        Subscribe();
        _activity = new CandidateActivity(ReportActivityAsync, clock);
        connection.KnownRevision = () => Editor?.RejoinRevision;
        connection.KnownNotesRevision = () => NotesEditor?.RejoinRevision;
        connection.KnownClientId = () => Editor?.ClientId;
        runs.Share = connection.ShareRunAsync;
        await _identity.UseStoredTokenAsync();
        connection.InterviewerKey = await identity.GetInterviewerKeyAsync(SessionKey);
        connection.TokenIssued += OnTokenIssued;
        await connection.ConnectAsync(SessionKey, UserId, name);
    }

    private void Show(SessionLookupStatus problem) => (Stage, Problem) = (SessionStage.Problem, problem);

    private void OnChanged() => Run(() => Changed?.Invoke());

    private void OnTokenIssued(string token) => _dispatch(() => _identity!.KeepAsync(token));
}
