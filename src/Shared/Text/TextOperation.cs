using System.Collections.ObjectModel;
using System.Text;

namespace Interview.Shared.Text;

/// <summary>
/// An edit of a whole document over UTF-16 code units, in ot.js's form: a sequence of retains (skip n),
/// inserts (a string) and deletes (remove n), covering the document it applies to exactly. Adjacent
/// components of one kind are merged and an insert always precedes a delete at the same place, so equal
/// edits have equal components. Made by a <see cref="Builder"/> and immutable from then on: it can be
/// shared between threads, and between grain calls in one process without a copy.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly Component[] _parts;

    private TextOperation(Component[] parts, int baseLength, int targetLength)
    {
        (_parts, BaseLength, TargetLength) = (parts, baseLength, targetLength);
        Components = new ReadOnlyCollection<Component>(parts);
    }

    /// <summary>The length of the document this operation applies to.</summary>
    public int BaseLength { get; }

    /// <summary>The length of the document it produces.</summary>
    public int TargetLength { get; }

    public IReadOnlyList<Component> Components { get; }

    public bool IsNoop => _parts.Length == 0 || (_parts.Length == 1 && _parts[0].IsRetain);

    /// <summary>The document after this operation; refuses a document of the wrong length or a cut surrogate pair.</summary>
    public string Apply(string document)
    {
        if (document.Length != BaseLength)
        {
            throw new TextOperationException($"The operation is for a document of {BaseLength} characters, not {document.Length}");
        }

        var result = new StringBuilder(TargetLength);
        var position = 0;
        foreach (var component in _parts)
        {
            EnsureBoundary(document, position);
            if (component.IsRetain)
            {
                result.Append(document, position, component.Count);
                position += component.Count;
            }
            else if (component.IsInsert)
            {
                result.Append(component.Text);
            }
            else
            {
                position += component.Count;
            }
        }

        EnsureBoundary(document, position);
        return result.ToString();
    }

    /// <summary>The operation that undoes this one on the document it was applied to.</summary>
    public TextOperation Invert(string document) => Invert(document.Substring);

    /// <summary>The operation that undoes this one on the document it is about to be applied to.</summary>
    public TextOperation Invert(TextDocument document) => Invert(document.Substring);

    public bool Equals(TextOperation? other) =>
        other is not null && BaseLength == other.BaseLength && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode() => HashCode.Combine(BaseLength, TargetLength, _parts.Length);

    public override string ToString() => string.Join(", ", _parts);

    // Only the deleted text is read from the document: inverting a keystroke costs the keystroke.
    private TextOperation Invert(Func<int, int, string> deleted)
    {
        var inverse = new Builder();
        var position = 0;
        foreach (var component in _parts)
        {
            if (component.IsRetain)
            {
                inverse.Retain(component.Count);
                position += component.Count;
            }
            else if (component.IsInsert)
            {
                inverse.Delete(component.Text!.Length);
            }
            else
            {
                inverse.Insert(deleted(position, component.Count));
                position += component.Count;
            }
        }

        return inverse.Build();
    }

    private static void EnsureBoundary(string document, int position)
    {
        if (position > 0 && position < document.Length && char.IsHighSurrogate(document[position - 1]) && char.IsLowSurrogate(document[position]))
        {
            throw new TextOperationException($"The operation cuts the surrogate pair at {position - 1} in two");
        }
    }
}
