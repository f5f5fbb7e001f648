using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>
/// This user's undo and redo, as ot.js's UndoManager: inverses of their own edits only, rewritten through
/// everyone else's operations so that Ctrl+Z undoes what this user did, not what their partner did.
/// Edits typed in quick succession undo together.
/// </summary>
public sealed class UndoHistory(TimeProvider clock)
{
    private static readonly TimeSpan ComposeWindow = TimeSpan.FromSeconds(1);
    private List<TextOperation> _undo = [];
    private List<TextOperation> _redo = [];
    private DateTimeOffset _lastRecorded = DateTimeOffset.MinValue;

    /// <summary>A local edit, given as its inverse.</summary>
    public void Record(TextOperation inverse)
    {
        var now = clock.GetUtcNow();
        if (_undo.Count > 0 && now - _lastRecorded < ComposeWindow)
        {
            _undo[^1] = TextOperation.Compose(inverse, _undo[^1]);
        }
        else
        {
            _undo.Add(inverse);
        }

        _lastRecorded = now;
        _redo.Clear();
    }

    /// <summary>The latest step to undo, to apply to <paramref name="text"/>; its redo is kept.</summary>
    public TextOperation? TakeUndo(TextDocument text) => Take(_undo, _redo, text);

    /// <summary>The latest step undone, to apply again to <paramref name="text"/>; its undo is kept.</summary>
    public TextOperation? TakeRedo(TextDocument text) => Take(_redo, _undo, text);

    public void Clear()
    {
        _undo.Clear();
        _redo.Clear();
    }

    /// <summary>Someone else's operation happened: every stored inverse is rewritten to apply after it.</summary>
    public void Transform(TextOperation remote)
    {
        _undo = TransformStack(_undo, remote);
        _redo = TransformStack(_redo, remote);
    }

    private TextOperation? Take(List<TextOperation> from, List<TextOperation> to, TextDocument text)
    {
        if (from.Count == 0)
        {
            return null;
        }

        var operation = from[^1];
        from.RemoveAt(from.Count - 1);
        to.Add(operation.Invert(text));
        _lastRecorded = DateTimeOffset.MinValue; // the next edit starts a new step
        return operation;
    }

    private static List<TextOperation> TransformStack(List<TextOperation> stack, TextOperation remote)
    {
        var transformed = new List<TextOperation>(stack.Count);
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            (var entry, remote) = TextOperation.Transform(stack[i], remote);
            if (!entry.IsNoop)
            {
                transformed.Add(entry);
            }
        }

        transformed.Reverse();
        return transformed;
    }
}
