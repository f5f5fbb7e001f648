using System.Runtime.Versioning;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>The browser's editor host: Monaco through <see cref="MonacoBridge"/>.</summary>
[SupportedOSPlatform("browser")]
public sealed class MonacoEditorHost : IEditorHost
{
    private readonly Dictionary<string, PendingView> _views = new(StringComparer.Ordinal);

    public IEditorView ViewOf(string editorId) =>
        _views.TryGetValue(editorId, out var view) ? view : _views[editorId] = new PendingView(new MonacoBridge.View(editorId));

    public async Task AttachAsync(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged)
    {
        await MonacoBridge.AttachAsync(editorId, editor, selectionChanged);
        var view = (PendingView)ViewOf(editorId);
        view.Attached = true;
        view.SetText(editor.Text); // whatever arrived while Monaco was loading
    }

    public void Detach(string editorId, CollaborativeEditor editor)
    {
        if (MonacoBridge.Detach(editorId, editor) && _views.Remove(editorId, out var view))
        {
            view.Attached = false; // what the gone page's editor still does reaches no Monaco editor
        }
    }

    /// <summary>Ignores changes until Monaco exists; the editor's text is shown in full when it does.</summary>
    private sealed class PendingView(IEditorView monaco) : IEditorView
    {
        public bool Attached { get; set; }

        public void SetText(string text)
        {
            if (Attached)
            {
                monaco.SetText(text);
            }
        }

        public void Apply(TextOperation operation)
        {
            if (Attached)
            {
                monaco.Apply(operation);
            }
        }

        public void ShowCursors(IReadOnlyList<RemoteCursor> cursors)
        {
            if (Attached)
            {
                monaco.ShowCursors(cursors);
            }
        }
    }
}
