using Interview.Shared.Text;

namespace Interview.Client.Playback;

/// <summary>
/// An <see cref="AuthoredText"/> that operations change in place: the text in a TextDocument and each
/// character's author in a gap buffer beside it. Building a long recording's history applies every
/// operation once; copying the whole text and its author runs per operation, as the immutable
/// AuthoredText does, made 100,000 operations take minutes in the browser.
/// </summary>
public sealed class AuthoredDocument
{
    private readonly TextDocument _text;
    private int[] _authors;
    private int _gapStart;
    private int _gapEnd;

    public AuthoredDocument(AuthoredText start)
    {
        _text = new TextDocument(start.Text);
        _authors = new int[start.Text.Length + 256];
        foreach (var run in start.Runs)
        {
            Array.Fill(_authors, run.Author, _gapStart, run.Length);
            _gapStart += run.Length;
        }

        _gapEnd = _authors.Length;
    }

    public int Length => _text.Length;

    /// <summary>Applies <paramref name="operation"/>, its inserted characters <paramref name="author"/>'s; false, nothing changed, when it does not fit the text.</summary>
    public bool Apply(TextOperation operation, int author)
    {
        try
        {
            _text.Apply(operation);
        }
        catch (TextOperationException)
        {
            return false;
        }

        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsInsert)
            {
                Insert(position, component.Count, author);
                position += component.Count;
            }
            else if (component.IsDelete)
            {
                MoveGap(position);
                _gapEnd += component.Count;
            }
            else
            {
                position += component.Count;
            }
        }

        return true;
    }

    /// <summary>The text as it stands, with its author runs.</summary>
    public AuthoredText Snapshot()
    {
        var runs = new List<AuthorRun>();
        Collect(runs, _authors.AsSpan(0, _gapStart));
        Collect(runs, _authors.AsSpan(_gapEnd));
        return new AuthoredText(_text.ToString(), runs);
    }

    private static void Collect(List<AuthorRun> runs, ReadOnlySpan<int> authors)
    {
        while (!authors.IsEmpty)
        {
            var author = authors[0];
            var length = authors.IndexOfAnyExcept(author) is var next and >= 0 ? next : authors.Length;
            if (runs.Count > 0 && runs[^1].Author == author)
            {
                runs[^1] = runs[^1] with { Length = runs[^1].Length + length };
            }
            else
            {
                runs.Add(new AuthorRun(length, author));
            }

            authors = authors[length..];
        }
    }

    private void Insert(int position, int count, int author)
    {
        if (_gapEnd - _gapStart < count)
        {
            var grown = new int[Math.Max(_authors.Length * 2, Length + count + 256)];
            var tail = _authors.Length - _gapEnd;
            Array.Copy(_authors, grown, _gapStart);
            Array.Copy(_authors, _gapEnd, grown, grown.Length - tail, tail);
            (_authors, _gapEnd) = (grown, grown.Length - tail);
        }

        MoveGap(position);
        Array.Fill(_authors, author, _gapStart, count);
        _gapStart += count;
    }

    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_authors, position, _authors, _gapEnd - count, count);
            (_gapStart, _gapEnd) = (position, _gapEnd - count);
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_authors, _gapEnd, _authors, _gapStart, count);
            (_gapStart, _gapEnd) = (position, _gapEnd + count);
        }
    }
}
