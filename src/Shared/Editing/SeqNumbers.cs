namespace Interview.Shared.Editing;

/// <summary>
/// A tab's numbers for its submissions, one sequence over both of its documents (the code and the
/// interviewer notes): the session applies a (clientId, seq) at most once and refuses a seq that the tab
/// used in the other document (docs/protocol.md, "Roles, notes, ending and activity"). Each of the tab's
/// <see cref="OtClient"/>s draws from the same one.
/// </summary>
public sealed class SeqNumbers(long last = 0)
{
    /// <summary>The latest number given out (0 before the first).</summary>
    public long Last { get; private set; } = last;

    public long Next() => ++Last;

    /// <summary>Numbering goes on after <paramref name="seq"/>: a client made anew keeps what it had used.</summary>
    public void After(long seq) => Last = Math.Max(Last, seq);
}
