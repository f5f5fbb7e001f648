using Interview.Shared.Text;

namespace Interview.Client.Playback;

/// <summary>
/// A document's every revision, as checkpoints of the authored text every <see cref="Interval"/>
/// operations and the operations between them: the text at any revision is a checkpoint and at most
/// <see cref="Interval"/> operations from it, never a replay from the start.
/// </summary>
public sealed class TextHistory
{
    public const int Interval = 200;

    private readonly List<AuthoredText> _checkpoints = [];
    private readonly List<(TextOperation Operation, int Author)> _operations = [];
    private AuthoredText _head;

    public TextHistory(string initial)
    {
        _head = AuthoredText.Initial(initial);
        _checkpoints.Add(_head);
    }

    /// <summary>Operations so far; revision n is the text after the first n.</summary>
    public int Count => _operations.Count;

    /// <summary>Appends the next operation; false (nothing kept) when it does not apply to the text so far.</summary>
    public bool Add(TextOperation operation, int author)
    {
        if (operation.BaseLength != _head.Text.Length)
        {
            return false;
        }

        _head = _head.Apply(operation, author);
        _operations.Add((operation, author));
        if (_operations.Count % Interval == 0)
        {
            _checkpoints.Add(_head);
        }

        return true;
    }

    /// <summary>The text after the first <paramref name="revision"/> operations.</summary>
    public AuthoredText At(int revision)
    {
        revision = Math.Clamp(revision, 0, _operations.Count);
        if (revision == _operations.Count)
        {
            return _head;
        }

        var checkpoint = revision / Interval;
        var text = _checkpoints[checkpoint];
        for (var i = checkpoint * Interval; i < revision; i++)
        {
            text = text.Apply(_operations[i].Operation, _operations[i].Author);
        }

        return text;
    }
}
