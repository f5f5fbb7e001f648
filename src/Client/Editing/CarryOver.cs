using Interview.Shared.Editing;
using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>
/// A join that brings the server's text (the first, or a resync: the history no longer reaches back). What
/// this tab typed and the server never applied is carried over by transforming it past the difference
/// between the last server text this tab knew and the new one. The session says the last of this tab's
/// operations it applied: an operation in flight whose answer was lost is already in the text and is not
/// carried over again.
/// </summary>
internal static class CarryOver
{
    /// <summary>The operation that puts this tab's unapplied typing onto the joined text, or null when there is none.</summary>
    public static TextOperation? Onto(JoinedDocument joined, OtClient? before)
    {
        if (before?.Outstanding is not { } outstanding)
        {
            return null;
        }

        var applied = joined.LastSeq >= before.LastSeq;
        var (known, unsent) = applied ? (outstanding.Apply(before.ServerText), before.Buffer) : (before.ServerText, before.Unacknowledged);
        if (unsent is null)
        {
            return null;
        }

        var gap = TextEdit.Between(known, joined.Text).ToOperation(known.Length);
        return TextOperation.Transform(unsent, gap).APrime;
    }
}
