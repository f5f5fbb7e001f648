namespace Interview.Shared.Text;

public sealed partial class TextOperation
{
    /// <summary>One operation with the effect of <paramref name="first"/> then <paramref name="second"/>.</summary>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        if (first.TargetLength != second.BaseLength)
        {
            throw new TextOperationException("The second operation's base length must be the first one's target length");
        }

        var result = new Builder();
        var a = new ComponentReader(first);
        var b = new ComponentReader(second);
        while (!a.Done || !b.Done)
        {
            if (!a.Done && a.Kind == ComponentKind.Delete)
            {
                result.Delete(a.Remaining);
                a.Next();
                continue;
            }

            if (!b.Done && b.Kind == ComponentKind.Insert)
            {
                result.Insert(b.RemainingText);
                b.Next();
                continue;
            }

            if (a.Done || b.Done)
            {
                throw new TextOperationException("The operations do not compose: one is shorter than the other");
            }

            var length = Math.Min(a.Remaining, b.Remaining);
            var (left, right) = (a.Take(length), b.Take(length));
            switch (left.Kind, right.Kind)
            {
                case (ComponentKind.Retain, ComponentKind.Retain):
                    result.Retain(length);
                    break;
                case (ComponentKind.Insert, ComponentKind.Retain):
                    result.Insert(left.Text!);
                    break;
                case (ComponentKind.Retain, ComponentKind.Delete):
                    result.Delete(length);
                    break;
                default: // an insert the second operation deletes again: nothing
                    break;
            }
        }

        return result.Build();
    }

    /// <summary>
    /// Both operations made against one document, each rewritten to apply after the other, so that
    /// a then b' and b then a' give the same text. Where both insert at one place, <paramref name="a"/>'s
    /// text comes first (ot.js's rule; <paramref name="a"/> is the operation transformed in).
    /// </summary>
    public static (TextOperation APrime, TextOperation BPrime) Transform(TextOperation a, TextOperation b)
    {
        if (a.BaseLength != b.BaseLength)
        {
            throw new TextOperationException("Both operations must be made against the same document");
        }

        var (aPrime, bPrime) = (new Builder(), new Builder());
        var x = new ComponentReader(a);
        var y = new ComponentReader(b);
        while (!x.Done || !y.Done)
        {
            if (!x.Done && x.Kind == ComponentKind.Insert)
            {
                var inserted = x.RemainingText;
                aPrime.Insert(inserted);
                bPrime.Retain(inserted.Length);
                x.Next();
                continue;
            }

            if (!y.Done && y.Kind == ComponentKind.Insert)
            {
                var inserted = y.RemainingText;
                aPrime.Retain(inserted.Length);
                bPrime.Insert(inserted);
                y.Next();
                continue;
            }

            if (x.Done || y.Done)
            {
                throw new TextOperationException("The operations do not cover the same document");
            }

            var length = Math.Min(x.Remaining, y.Remaining);
            switch (x.Take(length).Kind, y.Take(length).Kind)
            {
                case (ComponentKind.Retain, ComponentKind.Retain):
                    aPrime.Retain(length);
                    bPrime.Retain(length);
                    break;
                case (ComponentKind.Delete, ComponentKind.Retain):
                    aPrime.Delete(length);
                    break;
                case (ComponentKind.Retain, ComponentKind.Delete):
                    bPrime.Delete(length);
                    break;
                default: // both delete the same text: it is gone either way
                    break;
            }
        }

        return (aPrime.Build(), bPrime.Build());
    }

    /// <summary>
    /// Walks an operation's components, handing out whole or partial pieces. A partly taken component is
    /// remembered by an offset, not by copying what is left of it: an insert cut into many pieces costs its
    /// length once, not once per piece.
    /// </summary>
    private sealed class ComponentReader(TextOperation operation)
    {
        private readonly Component[] _parts = operation._parts;
        private int _index;
        private int _offset;

        public bool Done => _index >= _parts.Length;
        public ComponentKind Kind => _parts[_index].Kind;
        public int Remaining => _parts[_index].Count - _offset;

        /// <summary>What is left of the current insert's text.</summary>
        public string RemainingText => _offset == 0 ? _parts[_index].Text! : _parts[_index].Text![_offset..];

        public void Next() => (_index, _offset) = (_index + 1, 0);

        /// <summary>The next <paramref name="length"/> units of the current component (retain, delete or insert).</summary>
        public Component Take(int length)
        {
            var current = _parts[_index];
            var taken = current.Kind switch
            {
                ComponentKind.Insert => Component.InsertOf(current.Text!.Substring(_offset, length)),
                ComponentKind.Retain => Component.RetainOf(length),
                _ => Component.DeleteOf(length),
            };
            _offset += length;
            if (_offset == current.Count)
            {
                Next();
            }

            return taken;
        }
    }
}
