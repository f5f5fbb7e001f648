using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>The interviewer notes: a second document of the tab, with its own OT state and the code's numbering (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public class NotesEditingTests
{
    private readonly FakeEditorView _codeView = new();
    private readonly FakeEditorView _notesView = new();
    private readonly List<(Submission Submission, TaskCompletionSource<SubmitAnswer> Answer)> _sent = [];
    private readonly FakeTimeProvider _clock = new();
    private readonly EditorTab _tab = new();
    private int _notesResyncs;

    private static SessionJoined Joined(string code = "code", long revision = 5, string notes = "notes", long notesRevision = 2,
        IReadOnlyList<OperationUpdate>? notesOperations = null, long? notesLastSeq = null) =>
        new("s", code, "javascript", [], 1, revision, Role: Roles.Interviewer, Notes: new NotesText(notes, notesRevision),
            NotesOperations: notesOperations, NotesLastSeq: notesLastSeq);

    private CollaborativeEditor NewEditor(FakeEditorView view, string? document) =>
        new(view, Submit, () =>
        {
            _notesResyncs += document is null ? 0 : 1;
            return Task.CompletedTask;
        }, _clock, document, _tab);

    private Task<SubmitAnswer> Submit(Submission submission)
    {
        var answer = new TaskCompletionSource<SubmitAnswer>();
        _sent.Add((submission, answer));
        return answer.Task;
    }

    [Fact]
    public void The_notes_editor_takes_the_notes_of_session_joined_and_sends_to_the_notes_document()
    {
        var code = NewEditor(_codeView, null);
        var notes = NewEditor(_notesView, Documents.Notes);
        code.Joined(Joined());
        notes.Joined(Joined());
        Assert.Equal(("code", "notes"), (_codeView.Text, _notesView.Text));
        Assert.Equal((5L, 2L), (code.Revision, notes.Revision));

        _notesView.Type(notes, new TextEdit(5, 0, "!"));
        _codeView.Type(code, new TextEdit(0, 0, "// "));

        Assert.Equal([(Documents.Notes, 2L), (null, 5L)], _sent.Select(s => (s.Submission.Document, s.Submission.Revision)));
        Assert.Equal("notes!", notes.Text);
        Assert.Equal("// code", code.Text);
        Assert.Equal(code.ClientId, notes.ClientId); // one tab: one client id in both documents
    }

    [Fact]
    public void One_numbering_runs_over_both_documents_and_a_resend_keeps_its_number()
    {
        var code = NewEditor(_codeView, null);
        var notes = NewEditor(_notesView, Documents.Notes);
        code.Joined(Joined());
        notes.Joined(Joined());

        _codeView.Type(code, new TextEdit(0, 0, "a"));   // code, 1
        _notesView.Type(notes, new TextEdit(0, 0, "b")); // notes, 2
        _codeView.Type(code, new TextEdit(1, 0, "c"));   // buffered in the code
        _sent[0].Answer.SetResult(SubmitAnswer.Created(6)); // the code's buffer goes: 3
        _sent[1].Answer.SetResult(SubmitAnswer.Undelivered);
        _clock.Advance(CollaborativeEditor.ResendDelay); // the notes' edit again, under its own number

        Assert.Equal([(null, 1L), (Documents.Notes, 2L), (null, 3L), (Documents.Notes, 2L)], _sent.Select(s => (s.Submission.Document, s.Submission.Seq)));
        _notesView.Type(notes, new TextEdit(0, 0, "d"));
        _sent[3].Answer.SetResult(SubmitAnswer.Created(3)); // the notes' buffer goes next: 4, never a number the code used
        Assert.Equal((Documents.Notes, 4L), (_sent[^1].Submission.Document, _sent[^1].Submission.Seq));
    }

    [Fact]
    public void A_rejoin_catches_the_notes_up_from_notes_operations_and_leaves_the_code_to_its_own()
    {
        var code = NewEditor(_codeView, null);
        var notes = NewEditor(_notesView, Documents.Notes);
        code.Joined(Joined());
        notes.Joined(Joined());

        var missed = new OperationUpdate(3, new TextOperation.Builder().Retain(5).Insert(" (bob)").Build(), "bob", "bob-tab", 1, Documents.Notes);
        var rejoin = new SessionJoined("s", "code", "javascript", [], 1, 5, Operations: [], Role: Roles.Interviewer,
            Notes: new NotesText("notes (bob)", 3), NotesOperations: [missed]);
        code.Joined(rejoin);
        notes.Joined(rejoin);

        Assert.Equal(("code", "notes (bob)"), (_codeView.Text, _notesView.Text));
        Assert.Equal((5L, 3L), (code.Revision, notes.Revision));
    }

    [Fact]
    public void A_session_joined_without_notes_changes_nothing_in_the_notes()
    {
        var notes = NewEditor(_notesView, Documents.Notes);
        notes.Joined(Joined());
        _notesView.Type(notes, new TextEdit(0, 0, "x"));

        notes.Joined(new SessionJoined("s", "code", "javascript", [], 1, 9)); // a candidate's: no notes at all

        Assert.Equal("xnotes", _notesView.Text);
        Assert.Equal(2L, notes.Revision);
    }

    [Fact]
    public void A_resync_of_the_notes_carries_the_typing_over_onto_the_notes_text()
    {
        var notes = NewEditor(_notesView, Documents.Notes);
        notes.Joined(Joined());
        _notesView.Type(notes, new TextEdit(0, 0, "mine "));
        _sent[0].Answer.SetResult(SubmitAnswer.Resync);
        Assert.Equal(1, _notesResyncs);

        notes.Joined(Joined(notes: "notes, edited", notesRevision: 40, notesLastSeq: 0));

        Assert.Equal("mine notes, edited", _notesView.Text);
        Assert.Equal((Documents.Notes, 40L), (_sent[^1].Submission.Document, _sent[^1].Submission.Revision));
    }

    [Fact]
    public void A_locked_code_editor_undoes_nothing()
    {
        var code = NewEditor(_codeView, null);
        code.Joined(Joined());
        _codeView.Type(code, new TextEdit(0, 0, "x"));
        code.Lock();

        code.Undo();

        Assert.Equal("xcode", _codeView.Text);
        Assert.True(code.Locked);
    }
}

/// <summary>The tab's one numbering over both of its OT clients.</summary>
public class SeqNumbersTests
{
    private static TextOperation Insert(string text, int length) => new TextOperation.Builder().Insert(text).Retain(length).Build();

    [Fact]
    public void Two_clients_drawing_from_one_numbering_never_use_the_same_number()
    {
        var numbers = new SeqNumbers();
        var code = new OtClient("tab", 1, "abc", numbers: numbers);
        var notes = new OtClient("tab", 1, "xyz", numbers: numbers);

        var first = code.ApplyLocal(Insert("1", 3))!;
        var second = notes.ApplyLocal(Insert("2", 3))!;
        Assert.Null(code.ApplyLocal(Insert("3", 4))); // buffered
        var third = code.Acknowledged(2).ToSend!;

        Assert.Equal([1L, 2L, 3L], new[] { first.Seq, second.Seq, third.Seq });
        Assert.Equal(2L, notes.Pending()!.Seq); // its own number, again
        Assert.Equal(3L, numbers.Last);
    }

    [Fact]
    public void A_client_made_anew_goes_on_after_the_numbers_the_tab_used()
    {
        var numbers = new SeqNumbers();
        var notes = new OtClient("tab", 1, "xyz", numbers: numbers);
        notes.ApplyLocal(Insert("a", 3));
        notes.ApplyLocal(Insert("b", 4));
        notes.Acknowledged(2); // seq 2 goes

        var resynced = new OtClient("tab", 9, "zzz", lastSeq: 1, numbers: numbers); // knew less than the tab used

        Assert.Equal(3L, resynced.ApplyLocal(Insert("c", 3))!.Seq);
    }

    [Fact]
    public void Alone_a_client_numbers_as_before()
    {
        var client = new OtClient("tab", 1, "abc", lastSeq: 7);

        Assert.Equal(8L, client.ApplyLocal(Insert("a", 3))!.Seq);
    }
}
