namespace Interview.Shared.Text;

/// <summary>
/// One replacement that turns a text into another: the part between their common prefix and suffix.
/// Applying a remote update this way, rather than replacing the whole value, leaves the local cursor
/// and selection where they were.
/// </summary>
public readonly record struct TextEdit(int Start, int DeleteLength, string Insert)
{
    public static TextEdit Between(string before, string after)
    {
        var prefix = 0;
        var max = Math.Min(before.Length, after.Length);
        while (prefix < max && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < max - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        // Never cut a surrogate pair: widen the edit to whole characters.
        if (prefix > 0 && char.IsHighSurrogate(before[prefix - 1]))
        {
            prefix--;
        }

        if (suffix > 0 && char.IsLowSurrogate(before[before.Length - suffix]))
        {
            suffix--;
        }

        return new TextEdit(prefix, before.Length - prefix - suffix, after.Substring(prefix, after.Length - prefix - suffix));
    }

    /// <summary>This edit as an operation on a document of <paramref name="baseLength"/> characters.</summary>
    public TextOperation ToOperation(int baseLength) =>
        new TextOperation.Builder().Retain(Start).Insert(Insert).Delete(DeleteLength).Retain(baseLength - Start - DeleteLength).Build();
}
