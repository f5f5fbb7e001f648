using Interview.Client.Activity;
using Interview.Client.Components;
using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Client.Sessions;

/// <summary>
/// Roles, the interviewer notes, ending the interview and the candidate's activity (docs/protocol.md,
/// "Roles, notes, ending and activity"): session-joined's role decides the page; an interviewer has the
/// notes (a second document with its own OT client, numbered with the code's) and the activity feed; a
/// candidate's page reports pastes and focus changes.
/// </summary>
public sealed partial class LiveSession
{
    /// <summary>The notes' Monaco editor's element id.</summary>
    public const string NotesEditorId = "notes-editor";

    /// <summary>What the page says when the key it joined with was refused.</summary>
    public const string KeyRefused = "This interviewer link is not valid for this session; you joined as a candidate.";

    private readonly EditorTab _tab = new();
    private CandidateActivity? _activity;
    private string? _doubtedKey; // sent, answered FORBIDDEN: joined again without it, to tell the key from the token

    /// <summary>This tab's role, as the latest session-joined said.</summary>
    public string Role { get; private set; } = Roles.Candidate;

    public bool IsInterviewer => Role == Roles.Interviewer;

    /// <summary>The session's interviewer key, which this browser holds (for the interviewer link).</summary>
    public string? InterviewerKey => connection.InterviewerKey;

    /// <summary>The interviewer notes (interviewers only).</summary>
    public CollaborativeEditor? NotesEditor { get; private set; }

    /// <summary>The text the notes' editor starts with.</summary>
    public string InitialNotes { get; private set; } = string.Empty;

    /// <summary>The candidates' pastes and focus changes (interviewers only).</summary>
    public ActivityFeed Feed { get; } = new();

    /// <summary>The interview was ended: the code is final (read-only); the notes stay editable.</summary>
    public InterviewEnd? Ended { get; private set; }

    /// <summary>The notes' Monaco editor is up: the notes' editor is bound to it, with no cursor of theirs sent anywhere.</summary>
    public async Task NotesReadyAsync()
    {
        if (NotesEditor is { } notes)
        {
            await editorHost.AttachAsync(NotesEditorId, notes, _ => Task.CompletedTask); // notes have no shared cursors
        }
    }

    /// <summary>end-session, once confirmed: everyone hears session-ended (a refusal comes as an error event, a lost connection here).</summary>
    public async Task EndInterviewAsync()
    {
        if (await connection.EndSessionAsync() is { Code: ErrorCodes.ConnectionError } lost)
        {
            Notices.Add(new Notice($"{lost.Message}: the interview was not ended. Try again once connected."));
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Before <see cref="OpenAsync"/>: what the address's #interviewer= held (<see cref="InterviewerLink.KeyIn"/>)
    /// is kept for the session, so every join of this browser carries it; a link holding no possible key says so.
    /// </summary>
    public async Task KeepLinkKeyAsync(string sessionId, string linkKey)
    {
        if (linkKey.Length > 0 && SessionIds.IsUuidV4(sessionId))
        {
            await identity.SetInterviewerKeyAsync(sessionId, linkKey);
        }
        else
        {
            Notices.Add(new Notice(KeyRefused));
        }
    }

    /// <summary>session-joined: the role, the notes for an interviewer, the end if it came.</summary>
    private async Task JoinedAs(SessionJoined joined)
    {
        Role = joined.Role;
        if (_doubtedKey is not null && !IsInterviewer)
        {
            _doubtedKey = null; // the same join without it is fine: the key was wrong
            Notices.Add(new Notice(KeyRefused));
            await identity.ForgetInterviewerKeyAsync(SessionKey);
        }

        if (IsInterviewer && joined.Notes is not null && NotesEditor is null)
        {
            InitialNotes = joined.Notes.Text;
            NotesEditor = new CollaborativeEditor(
                editorHost.ViewOf(NotesEditorId), connection.SubmitAsync, connection.ResyncNotesAsync, clock, Documents.Notes, _tab);
            NotesEditor.Refused += OnNotesRefused;
        }
        else if (!IsInterviewer)
        {
            DropNotes();
        }

        NotesEditor?.Joined(joined);
        if (joined.EndedAt is { } at)
        {
            Lock(new InterviewEnd(null, at));
        }
    }

    /// <summary>The join was FORBIDDEN: with a key, joined again without it; otherwise the token's (docs/protocol.md, "Identity").</summary>
    private void OnJoinRefused(ErrorPayload refusal) => _dispatch(async () =>
    {
        if (connection.InterviewerKey is { } key)
        {
            (_doubtedKey, connection.InterviewerKey) = (key, null);
            await connection.RejoinAsync();
            return;
        }

        if (_doubtedKey is { } doubted)
        {
            (_doubtedKey, connection.InterviewerKey) = (null, doubted); // refused without it too: the key was not the problem
        }

        await IdentityTakenAsync();
        Changed?.Invoke();
    });

    private void OnNotesRefused(string message) => Run(() =>
    {
        Notices.Add(new Notice($"{message}. Your change to the notes was not applied and has been taken out of them."));
        Changed?.Invoke();
    });

    private void OnEnded(InterviewEndedUpdate ended) => Run(() =>
    {
        Lock(new InterviewEnd(ended.Username, ended.EndedAt));
        Changed?.Invoke();
    });

    /// <summary>user-updated: the user stays where they are in the list, with their new role.</summary>
    private void OnUserUpdated(UserUpdated updated) => Run(() =>
    {
        var at = _users.FindIndex(u => u.Id == updated.UserId);
        if (at >= 0)
        {
            _users[at] = new ParticipantInfo(updated.UserId, updated.Username, updated.Color, updated.Role);
            Changed?.Invoke();
        }
    });

    private void OnActivity(ActivityUpdate update) => Run(() =>
    {
        if (IsInterviewer)
        {
            Feed.Add(update);
            Changed?.Invoke();
        }
    });

    /// <summary>SESSION_ENDED: shown as the ending it is; a join says when.</summary>
    private async Task EndedHereAsync(InterviewEnd end)
    {
        var first = Ended is null;
        Lock(end);
        if (first)
        {
            await connection.RejoinAsync();
        }
    }

    private void Lock(InterviewEnd end)
    {
        Ended = Ended?.With(end) ?? end;
        Editor?.Lock();
    }

    private void DropNotes()
    {
        if (NotesEditor is { } notes)
        {
            notes.Refused -= OnNotesRefused;
            editorHost.Detach(NotesEditorId, notes);
            NotesEditor = null;
        }
    }

    // Only a candidate's page reports, and only once in the session.
    private Task ReportActivityAsync(ActivityPayload activity) =>
        HasJoined && !IsInterviewer ? connection.ReportActivityAsync(activity) : Task.CompletedTask;
}
