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

public sealed class FakeEditorHost : IEditorHost
{
    public FakeEditorView View { get; } = new();
    public CollaborativeEditor? Editor { get; private set; }
    public Func<IReadOnlyList<SelectionRange>, Task>? SelectionChanged { get; private set; }
    public List<CollaborativeEditor> Detached { get; } = [];

    public IEditorView ViewOf(string editorId) => View;

    public Task AttachAsync(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged)
    {
        (Editor, SelectionChanged) = (editor, selectionChanged);
        View.SetText(editor.Text);
        return Task.CompletedTask;
    }

    public void Detach(string editorId, CollaborativeEditor editor) => Detached.Add(editor);
}
