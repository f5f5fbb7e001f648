using Interview.Shared.Contracts;

namespace Interview.Client.Editing;

/// <summary>
/// The collaborative editors bound to Monaco editors, by element id, for the calls from the browser's side
/// (wwwroot/js/ot-editor.js) to find theirs. An editor is unbound when its page goes, so none outlives it.
/// </summary>
public sealed class BoundEditors
{
    private readonly Dictionary<string, Binding> _bound = new(StringComparer.Ordinal);

    public int Count => _bound.Count;

    public void Bind(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged) =>
        _bound[editorId] = new Binding(editor, selectionChanged);

    public CollaborativeEditor? EditorOf(string editorId) => _bound.GetValueOrDefault(editorId)?.Editor;

    public Task SelectionChanged(string editorId, IReadOnlyList<SelectionRange> selections) =>
        _bound.TryGetValue(editorId, out var binding) ? binding.SelectionChanged(selections) : Task.CompletedTask;

    /// <summary>Unbinds <paramref name="editor"/>, unless another has been bound to the id since; answers whether it was.</summary>
    public bool Unbind(string editorId, CollaborativeEditor editor)
    {
        if (_bound.TryGetValue(editorId, out var binding) && binding.Editor == editor)
        {
            return _bound.Remove(editorId);
        }

        return false;
    }

    private sealed record Binding(CollaborativeEditor Editor, Func<IReadOnlyList<SelectionRange>, Task> SelectionChanged);
}
