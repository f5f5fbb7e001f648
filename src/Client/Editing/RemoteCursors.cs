using Interview.Shared.Contracts;

namespace Interview.Client.Editing;

/// <summary>The other participants' cursors on screen, each with a slot (for its style) kept while they stay.</summary>
internal sealed class RemoteCursors(IEditorView view)
{
    private readonly Dictionary<string, RemoteCursor> _cursors = new(StringComparer.Ordinal);

    public void Moved(CursorUpdate cursor)
    {
        var slot = _cursors.TryGetValue(cursor.UserId, out var known) ? known.Slot : _cursors.Count;
        _cursors[cursor.UserId] = new RemoteCursor(slot, cursor.UserId, cursor.Username, cursor.Color, cursor.Selections);
        view.ShowCursors([.. _cursors.Values]);
    }

    public void Left(string userId)
    {
        if (_cursors.Remove(userId))
        {
            view.ShowCursors([.. _cursors.Values]);
        }
    }
}
