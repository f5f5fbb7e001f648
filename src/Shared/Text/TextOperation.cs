using System.Text;

namespace Interview.Shared.Text;

/// <summary>
/// An edit of a whole document over UTF-16 code units, in ot.js's form: a sequence of retains (skip n),
/// inserts (a string) and deletes (remove n), covering the document it applies to exactly. Adjacent
/// components of one kind are merged and an insert always precedes a delete at the same place, so equal
/// edits have equal components. Immutable once built.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly List<Component> _components = [];

    /// <summary>The length of the document this operation applies to.</summary>
    public int BaseLength { get; private set; }

    /// <summary>The length of the document it produces.</summary>
    public int TargetLength { get; private set; }

    public IReadOnlyList<Component> Components => _components;

    public bool IsNoop => _components.Count == 0 || (_components.Count == 1 && _components[0].IsRetain);

    public TextOperation Retain(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return this;
        }

        (BaseLength, TargetLength) = (BaseLength + count, TargetLength + count);
        if (_components.Count > 0 && _components[^1].IsRetain)
        {
            _components[^1] = Component.RetainOf(_components[^1].Count + count);
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

        TargetLength += text.Length;
        if (_components.Count > 0 && _components[^1].IsInsert)
        {
            _components[^1] = Component.InsertOf(_components[^1].Text + text);
        }
        else if (_components.Count > 0 && _components[^1].IsDelete)
        {
            // Keep inserts before deletes: delete-then-insert and insert-then-delete are the same edit.
            if (_components.Count > 1 && _components[^2].IsInsert)
            {
                _components[^2] = Component.InsertOf(_components[^2].Text + text);
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

        BaseLength += count;
        if (_components.Count > 0 && _components[^1].IsDelete)
        {
            _components[^1] = Component.DeleteOf(_components[^1].Count + count);
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
        foreach (var component in _components)
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
        foreach (var component in _components)
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
        other is not null && BaseLength == other.BaseLength && _components.SequenceEqual(other._components);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode() => HashCode.Combine(BaseLength, TargetLength, _components.Count);

    public override string ToString() => string.Join(", ", _components);

    private static void EnsureBoundary(string document, int position)
    {
        if (position > 0 && position < document.Length && char.IsHighSurrogate(document[position - 1]) && char.IsLowSurrogate(document[position]))
        {
            throw new TextOperationException($"The operation cuts the surrogate pair at {position - 1} in two");
        }
    }
}
