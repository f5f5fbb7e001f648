using Interview.Shared.Contracts;

namespace Interview.Client.Editing;

/// <summary>Connects a collaborative editor to the editor on screen once that exists.</summary>
public interface IEditorHost
{
    IEditorView ViewOf(string editorId);

    /// <summary>Binds the editor (Monaco is ready): its text is shown, its changes and selections flow.</summary>
    Task AttachAsync(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged);

    /// <summary>The editor's page has gone: nothing of it is kept (unless another editor has the id by now).</summary>
    void Detach(string editorId, CollaborativeEditor editor);
}
