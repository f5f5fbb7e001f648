using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Client.Tests.Playback;

/// <summary>Recordings made up for the playback tests, as the gateway would send them.</summary>
public static class RecordingSamples
{
    public static readonly DateTimeOffset Created = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public static RecordedEvent Join(int second, string user, string name, string color = "#e06c75", string role = Roles.Candidate) =>
        new(Created.AddSeconds(second), RecordedEventTypes.Join, user) { Username = name, Color = color, Role = role };

    public static RecordedEvent Typed(int second, string user, long revision, TextOperation operation, string type = RecordedEventTypes.Operation) =>
        new(Created.AddSeconds(second), type, user) { Revision = revision, Operation = operation };

    public static RecordedEvent Run(int second, string user, string output, long revision) =>
        new(Created.AddSeconds(second), RecordedEventTypes.Run, user) { Username = user, Language = "javascript", Success = true, Output = output, ExecutionTime = 4, Revision = revision };

    public static RecordedEvent Of(int second, string type, string user, string? kind = null, string? language = null) =>
        new(Created.AddSeconds(second), type, user) { Kind = kind, Language = language, Chars = kind == ActivityKinds.Paste ? 40 : null };

    public static TextOperation Insert(int at, string text, int length) => new TextOperation.Builder().Retain(at).Insert(text).Retain(length - at).Build();

    /// <summary>
    /// A small interview: Ada joins and types "ab", Cora joins, pastes, types "X" in between, runs it, leaves
    /// the tab, switches to Python after an idle minute, and Ada writes a note.
    /// </summary>
    public static List<RecordedEvent> AnInterview() =>
    [
        Join(1, "ada", "Ada", "#61afef", Roles.Interviewer),
        Typed(2, "ada", 1, Insert(0, "a", 0)),
        Typed(3, "ada", 2, Insert(1, "b", 1)),
        Join(4, "cora", "Cora"),
        Of(5, RecordedEventTypes.Activity, "cora", ActivityKinds.Paste),
        Typed(6, "cora", 3, Insert(1, "X", 2)),
        Run(7, "cora", "aXb", 3),
        Of(8, RecordedEventTypes.Activity, "cora", ActivityKinds.Blur),
        Of(68, RecordedEventTypes.Language, "cora", language: "python"),
        Typed(69, "ada", 1, Insert(0, "note", 0), RecordedEventTypes.Notes),
        Of(70, "whiteboard", "ada"), // a type of a later version
        Of(71, RecordedEventTypes.Leave, "cora"),
    ];
}
