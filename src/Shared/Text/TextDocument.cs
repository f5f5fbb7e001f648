using System.Text;

namespace Interview.Shared.Text;

/// <summary>
/// A document that operations change in place: a StringBuilder, whose text lives in chunks of at most
/// 8000 characters, so an edit moves at most one chunk's characters instead of copying the whole
/// document (a 50 KB document's copy is a 100 KB large-object allocation per keystroke). It keeps its
/// UTF-8 size as it goes, for SPEC.md's 100 KB limit. The whole text is made only when asked for.
/// </summary>
public sealed class TextDocument
{
    private readonly StringBuilder _text;

    public TextDocument(string text)
    {
        _text = new StringBuilder(text);
        Utf8Bytes = Utf8Size(text);
    }

    public int Length => _text.Length;

    /// <summary>The document's size in UTF-8 (a surrogate pair counts its four bytes).</summary>
    public long Utf8Bytes { get; private set; }

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
            }
            else if (component.IsDelete)
            {
                size -= Utf8Size(_text.ToString(position, component.Count));
                position += component.Count;
            }
            else
            {
                position += component.Count;
            }
        }

        return size;
    }

    /// <summary>Applies <paramref name="operation"/> in place; refuses (unchanged) one of the wrong length or cutting a surrogate pair.</summary>
    public void Apply(TextOperation operation)
    {
        Utf8Bytes = Utf8BytesAfter(operation);
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                position += component.Count;
            }
            else if (component.Text is { } inserted)
            {
                _text.Insert(position, inserted);
                position += inserted.Length;
            }
            else
            {
                _text.Remove(position, component.Count);
            }
        }
    }

    public override string ToString() => _text.ToString();

    public static long Utf8Size(string text)
    {
        long size = 0;
        foreach (var c in text)
        {
            size += c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;
        }

        return size;
    }

    private void Check(TextOperation operation)
    {
        if (operation.BaseLength != _text.Length)
        {
            throw new TextOperationException($"The operation is for a document of {operation.BaseLength} characters, not {_text.Length}");
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
        if (position > 0 && position < _text.Length && char.IsHighSurrogate(_text[position - 1]) && char.IsLowSurrogate(_text[position]))
        {
            throw new TextOperationException($"The operation cuts the surrogate pair at {position - 1} in two");
        }
    }
}
