using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;
using Interview.Shared.Validation;

namespace Interview.Client.Editing;

/// <summary>
/// One tab's shared document: the OT client, the text as this tab has it, and this user's undo. Every
/// call is synchronous from the editor's change event to the recorded state (docs/architecture.md, "The
/// path of a keystroke"); sending and receiving go through the delegates and methods below. The text is
/// kept as a <see cref="TextDocument"/> changed in place: a keystroke costs the keystroke, not a copy of
/// the document. A tab's editors (the code's and, for an interviewer, the notes'; docs/protocol.md, "Roles,
/// notes, ending and activity") share its <see cref="EditorTab"/>: one client id, one numbering.
/// </summary>
public sealed partial class CollaborativeEditor
{
    /// <summary>How long an unanswered submission waits before it is sent again.</summary>
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long a submission may go unanswered before <see cref="Unconfirmed"/> says so.</summary>
    public static readonly TimeSpan ConfirmPatience = TimeSpan.FromSeconds(3);

    /// <summary>The session's own words for an edit over the code limit (the grain's refusal; docs/protocol.md, "Limits").</summary>
    public static readonly string TooLarge = $"The code would exceed the {Limits.MaxCodeBytes / 1024} KB limit";

    /// <summary>The same for the interviewer notes, which have the code's limit.</summary>
    public static readonly string NotesTooLarge = $"The notes would exceed the {Limits.MaxCodeBytes / 1024} KB limit";

    private readonly IEditorView _view;
    private readonly Func<Submission, Task<SubmitAnswer>> _submit;
    private readonly Func<Task> _resync;
    private readonly TimeProvider _clock;
    private readonly UndoHistory _undo;
    private readonly RemoteCursors _cursors;
    private readonly ConfirmationWatch _watch;
    private readonly List<OperationUpdate> _early = []; // operations that came before the join they follow
    private readonly string? _document;
    private readonly SeqNumbers _numbers;
    private TextDocument _text = new(string.Empty);
    private OtClient? _ot;
    private bool _resyncing;
    private bool _stopped;
    private bool _locked;

    /// <summary>An editor of <paramref name="document"/> (null: the code; or "notes"), in <paramref name="tab"/> (null: a tab of its own).</summary>
    public CollaborativeEditor(
        IEditorView view, Func<Submission, Task<SubmitAnswer>> submit, Func<Task> resync, TimeProvider? clock = null, string? document = null, EditorTab? tab = null)
    {
        (_view, _submit, _resync, _clock, _document) = (view, submit, resync, clock ?? TimeProvider.System, document);
        tab ??= new EditorTab();
        (ClientId, _numbers) = (tab.ClientId, tab.Numbers);
        _undo = new UndoHistory(_clock);
        _cursors = new RemoteCursors(view);
        _watch = new ConfirmationWatch(_clock, () => !_stopped && _ot?.Outstanding is not null);
    }

    public string ClientId { get; }

    /// <summary>"notes", or null for the code.</summary>
    public string? Document => _document;

    /// <summary>The interview was ended: nothing more is typed into this document here, not even by an undo.</summary>
    public bool Locked => _locked;

    /// <summary>The text as this tab has it, made whole on each call (for a run, a copy, a download).</summary>
    public string Text => _text.ToString();

    public long Revision => _ot?.Revision ?? 0;
    public bool Synchronized => _ot is null || _ot.State == OtClientState.Synchronized;

    /// <summary>What to rejoin with after a reconnect: this tab's revision, or null while a resync waits for the session's text.</summary>
    public long? RejoinRevision => _ot is null || _resyncing ? null : _ot.Revision;

    /// <summary>An edit has waited longer than <see cref="ConfirmPatience"/> for the session's answer.</summary>
    public bool Unconfirmed => _watch.Unconfirmed;

    /// <summary><see cref="Unconfirmed"/> changed.</summary>
    public event Action? StatusChanged
    {
        add => _watch.Changed += value;
        remove => _watch.Changed -= value;
    }

    /// <summary>An edit was refused and taken back; the words say why.</summary>
    public event Action<string>? Refused;

    /// <summary>session-joined: the first time, the session's text; after a reconnect, catching up.</summary>
    public void Joined(SessionJoined joined)
    {
        if (_stopped || JoinedDocument.Of(joined, _document) is not { } part)
        {
            return;
        }

        if (_ot is not null && part.Operations is { } missed)
        {
            if (_resyncing)
            {
                return; // answers a rejoin from before the resync; the session's text is on its way
            }

            foreach (var update in missed)
            {
                Received(update);
            }

            Send(_ot.Pending()); // still unacknowledged: again, under its original number
            return;
        }

        // First join, or a resync: the server's text, with this tab's unapplied typing carried over.
        // Numbering goes on: a (clientId, seq) the session has seen is a repeat to it.
        var restore = CarryOver.Onto(part, _ot);
        _resyncing = false;
        (_ot, _text) = (new OtClient(ClientId, part.Revision, part.Text, _ot?.LastSeq ?? 0, _numbers), new TextDocument(part.Text));
        _undo.Clear(); // its inverses were for a text that has been replaced
        _view.SetText(part.Text);
        if (restore is not null)
        {
            _view.Apply(restore);
            LocalChange(restore);
        }

        var early = _early.ToList(); // those the joined text already has are ignored by revision
        _early.Clear();
        early.ForEach(Received);
        _watch.Update();
    }

    /// <summary>An edit typed in this tab, already in the editor.</summary>
    public void LocalChange(TextOperation operation)
    {
        _undo.Record(operation.Invert(_text));
        Commit(operation);
    }

    public void Received(OperationUpdate update)
    {
        if (_stopped)
        {
            return;
        }

        if (_ot is null || _resyncing)
        {
            _early.Add(update);
            return;
        }

        Apply(_ot.Received(update));
    }

    /// <summary>RESYNC_REQUIRED: rejoin for the session's text (once at a time), keeping this tab's typing.</summary>
    public Task ResyncAsync()
    {
        if (_ot is null || _resyncing || _stopped)
        {
            return Task.CompletedTask;
        }

        _resyncing = true;
        return _resync();
    }

    /// <summary>The session is gone: the text stays as it is, nothing more is sent or applied.</summary>
    public void Stop()
    {
        _stopped = true;
        _watch.Update();
    }

    /// <summary>The interview was ended (docs/protocol.md, "Roles, notes, ending and activity"): the code is final.</summary>
    public void Lock() => _locked = true;

    public void Undo()
    {
        if (!_stopped && !_locked)
        {
            Replay(_undo.TakeUndo(_text));
        }
    }

    public void Redo()
    {
        if (!_stopped && !_locked)
        {
            Replay(_undo.TakeRedo(_text));
        }
    }

    public void CursorMoved(CursorUpdate cursor) => _cursors.Moved(cursor);

    public void UserLeft(string userId) => _cursors.Left(userId);

    private void Replay(TextOperation? operation)
    {
        if (operation is null)
        {
            return;
        }

        _view.Apply(operation);
        Commit(operation);
    }

    private void Commit(TextOperation operation)
    {
        _text.Apply(operation);
        Send(_ot?.ApplyLocal(operation));
    }

    private void Apply(OtClient.Step step)
    {
        foreach (var operation in step.ToApply)
        {
            _text.Apply(operation);
            _view.Apply(operation);
            _undo.Transform(operation);
        }

        Send(step.ToSend);
    }
}
