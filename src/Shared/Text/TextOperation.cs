using System.Text;

namespace Interview.Shared.Text;

/// <summary>
/// An edit of a whole document over UTF-16 code units, in ot.js's form: a sequence of retains (skip n),
/// inserts (a string) and deletes (remove n), covering the document it applies to exactly. Adjacent
/// components of one kind are merged and an insert always precedes a delete at the same place, so equal
/// edits have equal components. Built by <see cref="Retain"/>, <see cref="Insert"/> and
/// <see cref="Delete"/>, then only read: an operation is shared between threads once built.
/// </summary>
/// <remarks>
/// Every operation comes from someone who may be hostile, so building one is linear and cannot overflow:
/// lengths are added with a check (a count past int.MaxValue is refused, never wrapped round into a
/// short or negative one), and inserts merged into one another grow a StringBuilder instead of copying
/// the text each time (150,000 one-character inserts took seconds of CPU when each merge copied).
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly List<Component> _components = [];

    // The insert being merged into, while it grows; written into its component when anything reads.
    private StringBuilder? _openInsert;
    private int _openIndex;

    /// <summary>The length of the document this operation applies to.</summary>
    public int BaseLength { get; private set; }

    /// <summary>The length of the document it produces.</summary>
    public int TargetLength { get; private set; }

    public IReadOnlyList<Component> Components => Parts;

    public bool IsNoop => Parts.Count == 0 || (Parts.Count == 1 && Parts[0].IsRetain);

    private List<Component> Parts
    {
        get
        {
            if (Volatile.Read(ref _openInsert) is not null)
            {
                lock (_components)
                {
                    CloseInsert();
                }
            }

            return _components;
        }
    }

    public TextOperation Retain(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return this;
        }

        (BaseLength, TargetLength) = (Sum(BaseLength, count), Sum(TargetLength, count));
        if (_components.Count > 0 && _components[^1].IsRetain)
        {
            _components[^1] = Component.RetainOf(Sum(_components[^1].Count, count));
        }
        else
        {
            _components.Add(Component.RetainOf(count));
        }

        return this;
    }

    public TextOperation Insert(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        TargetLength = Sum(TargetLength, text.Length);
        if (_components.Count > 0 && _components[^1].IsInsert)
        {
            AppendTo(_components.Count - 1, text);
        }
        else if (_components.Count > 0 && _components[^1].IsDelete)
        {
            // Keep inserts before deletes: delete-then-insert and insert-then-delete are the same edit.
            if (_components.Count > 1 && _components[^2].IsInsert)
            {
                AppendTo(_components.Count - 2, text);
            }
            else
            {
                _components.Insert(_components.Count - 1, Component.InsertOf(text));
            }
        }
        else
        {
            _components.Add(Component.InsertOf(text));
        }

        return this;
    }

    public TextOperation Delete(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return this;
        }

        BaseLength = Sum(BaseLength, count);
        if (_components.Count > 0 && _components[^1].IsDelete)
        {
            _components[^1] = Component.DeleteOf(Sum(_components[^1].Count, count));
        }
        else
        {
            _components.Add(Component.DeleteOf(count));
        }

        return this;
    }

    /// <summary>The document after this operation; refuses a document of the wrong length or a cut surrogate pair.</summary>
    public string Apply(string document)
    {
        if (document.Length != BaseLength)
        {
            throw new TextOperationException($"The operation is for a document of {BaseLength} characters, not {document.Length}");
        }

        var result = new StringBuilder(TargetLength);
        var position = 0;
        foreach (var component in Parts)
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
    public TextOperation Invert(string document)
    {
        var inverse = new TextOperation();
        var position = 0;
        foreach (var component in Parts)
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
                inverse.Insert(document.Substring(position, component.Count));
                position += component.Count;
            }
        }

        return inverse;
    }

    public bool Equals(TextOperation? other) =>
        other is not null && BaseLength == other.BaseLength && Parts.SequenceEqual(other.Parts);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode() => HashCode.Combine(BaseLength, TargetLength, Parts.Count);

    public override string ToString() => string.Join(", ", Parts);

    /// <summary>A length or count grown by <paramref name="count"/>; past int.MaxValue no document can be.</summary>
    private static int Sum(int length, int count) =>
        (long)length + count <= int.MaxValue ? length + count : throw new TextOperationException("The operation is longer than any document can be");

    private void AppendTo(int index, string text)
    {
        if (_openInsert is null || _openIndex != index)
        {
            CloseInsert();
            (_openInsert, _openIndex) = (new StringBuilder(_components[index].Text), index);
        }

        _openInsert.Append(text);
    }

    private void CloseInsert()
    {
        if (_openInsert is { } open)
        {
            _components[_openIndex] = Component.InsertOf(open.ToString());
            Volatile.Write(ref _openInsert, null); // after the component: a reader that sees null sees the text
        }
    }

    private static void EnsureBoundary(string document, int position)
    {
        if (position > 0 && position < document.Length && char.IsHighSurrogate(document[position - 1]) && char.IsLowSurrogate(document[position]))
        {
            throw new TextOperationException($"The operation cuts the surrogate pair at {position - 1} in two");
        }
    }
}
