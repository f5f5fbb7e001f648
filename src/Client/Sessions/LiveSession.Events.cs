using Interview.Client.Components;
using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;

namespace Interview.Client.Sessions;

/// <summary>The session's events, each handled on the page's renderer.</summary>
public sealed partial class LiveSession
{
    private void Subscribe()
    {
        connection.StateChanged += OnChanged;
        connection.Joined += OnJoined;
        connection.OperationReceived += OnOperation;
        connection.CursorUpdated += OnCursor;
        connection.LanguageUpdated += OnLanguageUpdated;
        connection.InputUpdated += OnInputUpdated;
        Input.Changed += OnChanged;
        connection.UserJoined += OnUserJoined;
        connection.UserLeft += OnUserLeft;
        connection.ErrorReceived += OnError;
        connection.ExecutionReceived += runs.Received;
        connection.Expiring += OnExpiring;
        connection.JoinRefused += OnJoinRefused;
        connection.Ended += OnEnded;
        connection.ActivityReceived += OnActivity;
        connection.UserUpdated += OnUserUpdated;
    }

    private void Unsubscribe()
    {
        connection.StateChanged -= OnChanged;
        connection.Joined -= OnJoined;
        connection.OperationReceived -= OnOperation;
        connection.CursorUpdated -= OnCursor;
        connection.LanguageUpdated -= OnLanguageUpdated;
        connection.InputUpdated -= OnInputUpdated;
        Input.Changed -= OnChanged;
        connection.UserJoined -= OnUserJoined;
        connection.UserLeft -= OnUserLeft;
        connection.ErrorReceived -= OnError;
        connection.TokenIssued -= OnTokenIssued;
        connection.ExecutionReceived -= runs.Received;
        connection.Expiring -= OnExpiring;
        connection.JoinRefused -= OnJoinRefused;
        connection.Ended -= OnEnded;
        connection.ActivityReceived -= OnActivity;
        connection.UserUpdated -= OnUserUpdated;
    }

    private void OnJoined(SessionJoined joined) => _dispatch(() =>
    {
        Language = joined.Language;
        Input.Joined(joined.Input ?? string.Empty);
        _users.Clear();
        _users.AddRange(joined.Users);
        if (Editor is null)
        {
            Editor = new CollaborativeEditor(editorHost.ViewOf(EditorId), connection.SubmitAsync, connection.ResyncAsync, clock, tab: _tab);
            Editor.StatusChanged += OnChanged;
            Editor.Refused += OnRefused;
        }

        Editor.Joined(joined); // the first text, or catching up after a reconnect
        var roles = JoinedAs(joined);
        Expiry ??= ExpiryWarning.WhenJoining(joined, clock.GetUtcNow());
        if (!HasJoined)
        {
            (InitialCode, HasJoined) = (joined.CurrentCode, true);
        }

        Changed?.Invoke();
        return Task.WhenAll(roles, runs.LanguageIsAsync(Language));
    });

    // Into the document's editor without a render of the page: the notes' carry document "notes", the code's none.
    private void OnOperation(OperationUpdate update) => Run(() =>
    {
        switch (update.Document)
        {
            case Documents.Notes:
                NotesEditor?.Received(update);
                break;
            case null or Documents.Code:
                Editor?.Received(update);
                break;
        }
    });

    private void OnCursor(CursorUpdate cursor) => Run(() => Editor?.CursorMoved(cursor));

    private void OnLanguageUpdated(LanguageUpdate update) => _dispatch(() =>
    {
        Language = update.Language;
        Changed?.Invoke();
        return runs.LanguageIsAsync(Language);
    });

    private void OnInputUpdated(InputUpdate update) => Run(() => Input.Received(update.Input));

    private void OnUserJoined(UserJoined joined) => Run(() =>
    {
        _users.RemoveAll(u => u.Id == joined.UserId);
        _users.Add(new ParticipantInfo(joined.UserId, joined.Username, joined.Color, joined.Role));
        Changed?.Invoke();
    });

    private void OnUserLeft(UserLeft left) => Run(() =>
    {
        _users.RemoveAll(u => u.Id == left.UserId);
        Editor?.UserLeft(left.UserId);
        Changed?.Invoke();
    });

    private void OnRefused(string message) => Run(() =>
    {
        if (Ended is not null)
        {
            return; // typed as the interview ended: the banner says why it is gone
        }

        Notices.Add(new Notice($"{message}. Your change was not applied and has been taken out of the editor."));
        Changed?.Invoke();
    });

    private void OnExpiring(SessionExpiring expiring) => Run(() =>
    {
        Expiry = expiring;
        Changed?.Invoke();
    });

    private void OnError(ErrorPayload error) => _dispatch(async () =>
    {
        switch (error.Code)
        {
            case ErrorCodes.SessionExpired or ErrorCodes.SessionNotFound:
                await GoneAsync(error.Code == ErrorCodes.SessionExpired ? SessionLookupStatus.Expired : SessionLookupStatus.NotFound);
                break;
            case ErrorCodes.ResyncRequired:
                Notices.Add(new Notice("Your editor had fallen behind the session and is being brought up to date; your typing is kept.", Quiet: true));
                await (Editor?.ResyncAsync() ?? Task.CompletedTask);
                break;
            case ErrorCodes.InvalidSession:
                break; // an edit resent ahead of the rejoin after a reconnect: the editor sends it again
            case ErrorCodes.SessionEnded:
                await EndedHereAsync(new InterviewEnd(null, null));
                break;
            case ErrorCodes.SessionFull:
                Notices.Add(new Notice(error.Message + ". Ask the interviewer to make room, then reload the page."));
                await connection.EndAsync();
                break;
            case ErrorCodes.InvalidPayload when error.Details?.GetValueOrDefault("field") == "operation":
                break; // the editor takes the edit back and says so (OnRefused)
            default:
                Notices.Add(new Notice(error.Message));
                break;
        }

        Changed?.Invoke();
    });

    /// <summary>This browser's id is held under another token and no tab of it has that token: this tab joins as a new participant, and says so.</summary>
    private async Task IdentityTakenAsync()
    {
        if (await _identity!.ReclaimAsync())
        {
            return;
        }

        UserId = Guid.NewGuid().ToString();
        Notices.Add(new Notice("Someone else is in this session under the identity this browser had, so this tab joined as a new participant."));
        await connection.RejoinAsAsync(UserId);
    }

    /// <summary>
    /// The session expired or no longer exists. A page that has its text keeps it on screen, read-only,
    /// with Copy and Download; one that never joined shows why (SessionProblem).
    /// </summary>
    private async Task GoneAsync(SessionLookupStatus reason)
    {
        if (HasJoined)
        {
            Gone ??= reason;
            Editor?.Stop();
        }
        else
        {
            Show(reason);
        }

        await connection.EndAsync();
    }

    private void Run(Action work) => _dispatch(() =>
    {
        work();
        return Task.CompletedTask;
    });
}
