namespace Interview.Shared.Text;

/// <summary>
/// A document that operations change in place: a gap buffer (the text in one array with a movable gap
/// where the last edit was), so a keystroke moves characters but allocates nothing; a 50 KB document's
/// copy per keystroke would be a 100 KB large-object allocation each time. It keeps its UTF-8 size as it
/// goes, for the 100 KB code limit (docs/protocol.md, "Limits"). The whole text is made only when asked for.
/// </summary>
public sealed class TextDocument
{
    private char[] _buffer;
    private int _gapStart;
    private int _gapEnd;

    public TextDocument(string text)
    {
        _buffer = new char[text.Length + 256];
        text.CopyTo(_buffer);
        (_gapStart, _gapEnd) = (text.Length, _buffer.Length);
        Utf8Bytes = Utf8Size(text);
    }

    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    /// <summary>The document's size in UTF-8 (a surrogate pair counts its four bytes).</summary>
    public long Utf8Bytes { get; private set; }

    private char this[int index] => index < _gapStart ? _buffer[index] : _buffer[index + _gapEnd - _gapStart];

    /// <summary>The UTF-8 size the document would have after <paramref name="operation"/>; checks the operation fits first.</summary>
    public long Utf8BytesAfter(TextOperation operation)
    {
        Check(operation);
        var size = Utf8Bytes;
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.Text is { } inserted)
            {
                size += Utf8Size(inserted);
                continue;
            }

            if (component.IsDelete)
            {
                for (var i = position; i < position + component.Count; i++)
                {
                    size -= Utf8Size(this[i]);
                }
            }

            position += component.Count;
        }

        return size;
    }

    /// <summary>
    /// Applies <paramref name="operation"/> in place. One of the wrong length or cutting a surrogate pair is
    /// refused whole before anything changes: the text and its UTF-8 count stay as they were.
    /// </summary>
    public void Apply(TextOperation operation)
    {
        var size = Utf8BytesAfter(operation);
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.Text is { } inserted)
            {
                Insert(position, inserted);
                position += inserted.Length;
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

        Utf8Bytes = size;
    }

    /// <summary><paramref name="length"/> characters from <paramref name="start"/>, without making the whole text.</summary>
    public string Substring(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length - length);
        var before = Math.Clamp(_gapStart - start, 0, length); // the part ahead of the gap
        return string.Concat(_buffer.AsSpan(start, before), _buffer.AsSpan(start + before + _gapEnd - _gapStart, length - before));
    }

    public override string ToString() => string.Concat(_buffer.AsSpan(0, _gapStart), _buffer.AsSpan(_gapEnd));

    private static long Utf8Size(string text)
    {
        long size = 0;
        foreach (var c in text)
        {
            size += Utf8Size(c);
        }

        return size;
    }

    private static int Utf8Size(char c) => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;

    private void Insert(int position, string text)
    {
        if (_gapEnd - _gapStart < text.Length)
        {
            var grown = new char[Math.Max(_buffer.Length * 2, Length + text.Length + 256)];
            var tail = _buffer.Length - _gapEnd;
            Array.Copy(_buffer, grown, _gapStart);
            Array.Copy(_buffer, _gapEnd, grown, grown.Length - tail, tail);
            (_buffer, _gapEnd) = (grown, grown.Length - tail);
        }

        MoveGap(position);
        text.CopyTo(_buffer.AsSpan(_gapStart));
        _gapStart += text.Length;
    }

    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_buffer, position, _buffer, _gapEnd - count, count);
            (_gapStart, _gapEnd) = (position, _gapEnd - count);
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_buffer, _gapEnd, _buffer, _gapStart, count);
            (_gapStart, _gapEnd) = (position, _gapEnd + count);
        }
    }

    private void Check(TextOperation operation)
    {
        if (operation.BaseLength != Length)
        {
            throw new TextOperationException($"The operation is for a document of {operation.BaseLength} characters, not {Length}");
        }

        var position = 0;
        foreach (var component in operation.Components)
        {
            EnsureBoundary(position);
            position += component.IsInsert ? 0 : component.Count;
        }

        EnsureBoundary(position);
    }

    private void EnsureBoundary(int position)
    {
        if (position > 0 && position < Length && char.IsHighSurrogate(this[position - 1]) && char.IsLowSurrogate(this[position]))
        {
            throw new TextOperationException($"The operation cuts the surrogate pair at {position - 1} in two");
        }
    }
}
