using Interview.Shared.Text;

namespace Interview.Client.Playback;

/// <summary>A run of characters written by one author (an index into the recording's authors; -1: the session's initial code).</summary>
public readonly record struct AuthorRun(int Length, int Author);

/// <summary>
/// A text and who wrote each of its characters, as runs. Immutable: applying an operation gives a new
/// one, so checkpoints can be kept as they are.
/// </summary>
public sealed class AuthoredText
{
    public AuthoredText(string text, IReadOnlyList<AuthorRun> runs) => (Text, Runs) = (text, runs);

    public static AuthoredText Initial(string text) => new(text, text.Length == 0 ? [] : [new AuthorRun(text.Length, -1)]);

    public string Text { get; }
    public IReadOnlyList<AuthorRun> Runs { get; }

    /// <summary>The text after <paramref name="operation"/>, its inserted characters <paramref name="author"/>'s.</summary>
    public AuthoredText Apply(TextOperation operation, int author)
    {
        var text = operation.Apply(Text);
        var runs = new List<AuthorRun>(Runs.Count + 2);
        var (index, left) = (0, Runs.Count > 0 ? Runs[0].Length : 0); // the run being read, and what of it is still unread
        foreach (var component in operation.Components)
        {
            switch (component.Kind)
            {
                case ComponentKind.Insert:
                    Add(runs, component.Count, author);
                    break;
                default:
                    var count = component.Count;
                    while (count > 0)
                    {
                        var take = Math.Min(count, left);
                        if (component.IsRetain)
                        {
                            Add(runs, take, Runs[index].Author);
                        }

                        (count, left) = (count - take, left - take);
                        if (left == 0 && ++index < Runs.Count)
                        {
                            left = Runs[index].Length;
                        }
                    }

                    break;
            }
        }

        return new AuthoredText(text, runs);
    }

    private static void Add(List<AuthorRun> runs, int length, int author)
    {
        if (length == 0)
        {
            return;
        }

        if (runs.Count > 0 && runs[^1].Author == author)
        {
            runs[^1] = runs[^1] with { Length = runs[^1].Length + length };
        }
        else
        {
            runs.Add(new AuthorRun(length, author));
        }
    }
}
