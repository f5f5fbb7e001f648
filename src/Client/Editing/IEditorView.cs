using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>What the collaborative editor needs of the editor on screen (Monaco in the browser, a fake in tests).</summary>
public interface IEditorView
{
    void SetText(string text);

    /// <summary>Applies someone else's (or an undo's) operation outside the editor's own undo stack.</summary>
    void Apply(TextOperation operation);

    void ShowCursors(IReadOnlyList<RemoteCursor> cursors);
}

/// <summary>Another participant's cursors, with a small slot number for their style.</summary>
public sealed record RemoteCursor(int Slot, string UserId, string Username, string Color, IReadOnlyList<Interview.Shared.Contracts.SelectionRange> Selections);
