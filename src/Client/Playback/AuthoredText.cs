namespace Interview.Client.Playback;

/// <summary>A run of characters written by one author (an index into the recording's authors; -1: the session's initial code).</summary>
public readonly record struct AuthorRun(int Length, int Author);

/// <summary>A text and who wrote each of its characters, as runs; made by AuthoredDocument, never changed after.</summary>
public sealed class AuthoredText(string text, IReadOnlyList<AuthorRun> runs)
{
    public static AuthoredText Initial(string text) => new(text, text.Length == 0 ? [] : [new AuthorRun(text.Length, -1)]);

    public string Text { get; } = text;
    public IReadOnlyList<AuthorRun> Runs { get; } = runs;
}
