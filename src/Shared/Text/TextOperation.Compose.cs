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

        var result = new TextOperation();
        var a = new ComponentReader(first);
        var b = new ComponentReader(second);
        while (!a.Done || !b.Done)
        {
            if (a.Current is { IsDelete: true } delete)
            {
                result.Delete(delete.Count);
                a.Next();
                continue;
            }

            if (b.Current is { IsInsert: true } insert)
            {
                result.Insert(insert.Text!);
                b.Next();
                continue;
            }

            if (a.Done || b.Done)
            {
                throw new TextOperationException("The operations do not compose: one is shorter than the other");
            }

            var length = Math.Min(a.Current!.Value.Count, b.Current!.Value.Count);
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

        return result;
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

        var (aPrime, bPrime) = (new TextOperation(), new TextOperation());
        var x = new ComponentReader(a);
        var y = new ComponentReader(b);
        while (!x.Done || !y.Done)
        {
            if (x.Current is { IsInsert: true } insertA)
            {
                aPrime.Insert(insertA.Text!);
                bPrime.Retain(insertA.Text!.Length);
                x.Next();
                continue;
            }

            if (y.Current is { IsInsert: true } insertB)
            {
                aPrime.Retain(insertB.Text!.Length);
                bPrime.Insert(insertB.Text!);
                y.Next();
                continue;
            }

            if (x.Done || y.Done)
            {
                throw new TextOperationException("The operations do not cover the same document");
            }

            var length = Math.Min(x.Current!.Value.Count, y.Current!.Value.Count);
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

        return (aPrime, bPrime);
    }

    /// <summary>Walks an operation's components, handing out whole or partial pieces.</summary>
    private sealed class ComponentReader(TextOperation operation)
    {
        private int _index;
        private Component? _current = operation._components.Count > 0 ? operation._components[0] : null;

        public Component? Current => _current;
        public bool Done => _current is null;

        public void Next()
        {
            _index++;
            _current = _index < operation._components.Count ? operation._components[_index] : null;
        }

        /// <summary>The next <paramref name="length"/> units of the current component (retain, delete or insert).</summary>
        public Component Take(int length)
        {
            var current = _current!.Value;
            if (length == current.Count)
            {
                Next();
                return current;
            }

            (var taken, _current) = current.Kind switch
            {
                ComponentKind.Insert => (Component.InsertOf(current.Text![..length]), Component.InsertOf(current.Text![length..])),
                ComponentKind.Retain => (Component.RetainOf(length), Component.RetainOf(current.Count - length)),
                _ => (Component.DeleteOf(length), Component.DeleteOf(current.Count - length)),
            };
            return taken;
        }
    }
}
