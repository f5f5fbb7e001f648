namespace Interview.Shared.Text;

/// <summary>One step of a <see cref="TextOperation"/>: retain n, insert a text, or delete n.</summary>
public readonly record struct Component(ComponentKind Kind, int Count, string? Text)
{
    public bool IsRetain => Kind == ComponentKind.Retain;
    public bool IsInsert => Kind == ComponentKind.Insert;
    public bool IsDelete => Kind == ComponentKind.Delete;

    public static Component RetainOf(int count) => new(ComponentKind.Retain, count, null);

    public static Component InsertOf(string text) => new(ComponentKind.Insert, text.Length, text);

    public static Component DeleteOf(int count) => new(ComponentKind.Delete, count, null);

    public override string ToString() => Kind switch
    {
        ComponentKind.Retain => $"retain {Count}",
        ComponentKind.Insert => $"insert \"{Text}\"",
        _ => $"delete {Count}",
    };
}

public enum ComponentKind
{
    Retain,
    Insert,
    Delete,
}
