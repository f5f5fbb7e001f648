using Interview.Shared.Text;

namespace Interview.Client.Playback;

/// <summary>
/// A document's every revision, as checkpoints of the authored text every <see cref="Interval"/>
/// operations and the operations between them: the text at any revision is a checkpoint and at most
/// <see cref="Interval"/> operations from it, never a replay from the start. The history is built by
/// applying each operation once, in place (AuthoredDocument).
/// </summary>
public sealed class TextHistory
{
    public const int Interval = 200;

    private readonly List<AuthoredText> _checkpoints = [];
    private readonly List<(TextOperation Operation, int Author)> _operations = [];
    private readonly AuthoredDocument _head;
    private AuthoredText? _latest;

    public TextHistory(string initial)
    {
        _latest = AuthoredText.Initial(initial);
        _head = new AuthoredDocument(_latest);
        _checkpoints.Add(_latest);
    }

    /// <summary>Operations so far; revision n is the text after the first n.</summary>
    public int Count => _operations.Count;

    /// <summary>Appends the next operation; false (nothing kept) when it does not apply to the text so far.</summary>
    public bool Add(TextOperation operation, int author)
    {
        if (!_head.Apply(operation, author))
        {
            return false;
        }

        _operations.Add((operation, author));
        _latest = null;
        if (_operations.Count % Interval == 0)
        {
            _checkpoints.Add(_latest = _head.Snapshot());
        }

        return true;
    }

    /// <summary>The text after the first <paramref name="revision"/> operations.</summary>
    public AuthoredText At(int revision)
    {
        revision = Math.Clamp(revision, 0, _operations.Count);
        if (revision == _operations.Count)
        {
            return _latest ??= _head.Snapshot();
        }

        var checkpoint = revision / Interval;
        if (revision % Interval == 0)
        {
            return _checkpoints[checkpoint];
        }

        var text = new AuthoredDocument(_checkpoints[checkpoint]);
        for (var i = checkpoint * Interval; i < revision; i++)
        {
            text.Apply(_operations[i].Operation, _operations[i].Author);
        }

        return text.Snapshot();
    }
}
