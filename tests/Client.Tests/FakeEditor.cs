using Interview.Client.Editing;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Client.Tests;

/// <summary>Stands in for Monaco: keeps its own text, applies what it is given, shows cursors as a list.</summary>
public sealed class FakeEditorView : IEditorView
{
    public string Text { get; private set; } = string.Empty;
    public IReadOnlyList<RemoteCursor> Cursors { get; private set; } = [];

    public void SetText(string text) => Text = text;

    public void Apply(TextOperation operation) => Text = operation.Apply(Text);

    public void ShowCursors(IReadOnlyList<RemoteCursor> cursors) => Cursors = cursors;

    /// <summary>The user types: the editor changes first, then tells the collaborative editor.</summary>
    public void Type(CollaborativeEditor editor, TextEdit edit)
    {
        var operation = edit.ToOperation(Text.Length);
        Apply(operation);
        editor.LocalChange(operation);
    }
}

/// <summary>Stands in for the page's Monaco editors, by element id: the code's (<see cref="View"/>, <see cref="Editor"/>) and the notes'.</summary>
public sealed class FakeEditorHost : IEditorHost
{
    private readonly Dictionary<string, FakeEditorView> _views = [];
    private readonly Dictionary<string, (CollaborativeEditor Editor, Func<IReadOnlyList<SelectionRange>, Task> SelectionChanged)> _attached = [];

    public FakeEditorView View => ViewFor(Interview.Client.Sessions.LiveSession.EditorId);
    public CollaborativeEditor? Editor => EditorFor(Interview.Client.Sessions.LiveSession.EditorId);
    public Func<IReadOnlyList<SelectionRange>, Task>? SelectionChanged => SelectionChangedFor(Interview.Client.Sessions.LiveSession.EditorId);
    public List<CollaborativeEditor> Detached { get; } = [];

    public FakeEditorView ViewFor(string editorId) => _views.TryGetValue(editorId, out var view) ? view : _views[editorId] = new FakeEditorView();

    public CollaborativeEditor? EditorFor(string editorId) => _attached.TryGetValue(editorId, out var bound) ? bound.Editor : null;

    public Func<IReadOnlyList<SelectionRange>, Task>? SelectionChangedFor(string editorId) => _attached.TryGetValue(editorId, out var bound) ? bound.SelectionChanged : null;

    public IEditorView ViewOf(string editorId) => ViewFor(editorId);

    public Task AttachAsync(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged)
    {
        _attached[editorId] = (editor, selectionChanged);
        ViewFor(editorId).SetText(editor.Text);
        return Task.CompletedTask;
    }

    public void Detach(string editorId, CollaborativeEditor editor) => Detached.Add(editor);
}

/// <summary>Stands in for the browser's paste, copy and focus events: the test calls the watched activity.</summary>
public sealed class FakeActivityHost : Interview.Client.Activity.IActivityHost
{
    public Interview.Client.Activity.CandidateActivity? Watched { get; private set; }

    public Task WatchAsync(string editorId, Interview.Client.Activity.CandidateActivity activity)
    {
        Watched = activity;
        return Task.CompletedTask;
    }

    public void Unwatch(Interview.Client.Activity.CandidateActivity activity)
    {
        if (Watched == activity)
        {
            Watched = null;
        }
    }
}
