using Interview.Shared.Contracts;
using Types = Interview.Shared.Contracts.RecordedEventTypes;

namespace Interview.Client.Playback;

/// <summary>
/// A recording made replayable (docs/protocol.md, "Recording and playback"): the events in order, with
/// for each the code and the notes as they were just after it (TextHistory's checkpoints), the
/// language, the latest run and who was there. Events of types this version does not know are skipped.
/// </summary>
public sealed class Replay
{
    private readonly int[] _codeRevision;
    private readonly int[] _notesRevision;
    private readonly int[] _language;
    private readonly int[] _run;

    public Replay(DateTimeOffset createdAt, RecordingStart initial, IEnumerable<RecordedEvent> recorded)
    {
        (CreatedAt, Initial) = (createdAt, initial);
        Code = new TextHistory(initial.Code);
        Notes = new TextHistory(string.Empty);
        var events = new List<RecordedEvent>();
        foreach (var e in recorded)
        {
            if (Take(e))
            {
                events.Add(e);
            }
        }

        Events = events;
        (_codeRevision, _notesRevision, _language, _run) = (new int[events.Count], new int[events.Count], new int[events.Count], new int[events.Count]);
        var (code, notes, language, run) = (0, 0, -1, -1);
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i].Type)
            {
                case Types.Operation: code++; break;
                case Types.Notes: notes++; break;
                case Types.Language: language = i; break;
                case Types.Run: run = i; break;
            }

            (_codeRevision[i], _notesRevision[i], _language[i], _run[i]) = (code, notes, language, run);
        }
    }

    public DateTimeOffset CreatedAt { get; }
    public RecordingStart Initial { get; }
    public IReadOnlyList<RecordedEvent> Events { get; }
    public TextHistory Code { get; }
    public TextHistory Notes { get; }

    /// <summary>Everyone who joined, in the order they first came: an author's index is their place here.</summary>
    public List<RecordingParticipant> Participants { get; } = [];

    /// <summary>Operations that did not apply to the text before them (a recording this client cannot read whole); 0 for a sound one.</summary>
    public int Unreadable { get; private set; }

    /// <summary>The code just after event <paramref name="index"/> (-1: before any).</summary>
    public AuthoredText CodeAfter(int index) => Code.At(index < 0 ? 0 : _codeRevision[index]);

    public AuthoredText NotesAfter(int index) => Notes.At(index < 0 ? 0 : _notesRevision[index]);

    public string LanguageAfter(int index) => index < 0 || _language[index] < 0 ? Initial.Language : Events[_language[index]].Language!;

    /// <summary>The latest shared run at event <paramref name="index"/>, or null.</summary>
    public RecordedEvent? RunAfter(int index) => index < 0 || _run[index] < 0 ? null : Events[_run[index]];

    /// <summary>The index of the last event at or before <paramref name="at"/>; -1 before the first.</summary>
    public int IndexAt(DateTimeOffset at)
    {
        var (low, high) = (0, Events.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (Events[middle].At <= at)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }

    public int AuthorOf(string? userId) => Participants.FindIndex(p => p.UserId == userId);

    private bool Take(RecordedEvent e)
    {
        switch (e.Type)
        {
            case Types.Operation or Types.Notes when e.Operation is not null:
                var author = AuthorOf(e.UserId) is var known and >= 0 ? known : Join(e.UserId ?? string.Empty, e.UserId ?? "?", null, null);
                var applied = (e.Type == Types.Operation ? Code : Notes).Add(e.Operation, author);
                Unreadable += applied ? 0 : 1;
                return applied;
            case Types.Join or Types.Role:
                if (AuthorOf(e.UserId) is var index and >= 0)
                {
                    Participants[index] = Participants[index] with { Username = e.Username ?? Participants[index].Username, Color = e.Color ?? Participants[index].Color, Role = e.Role ?? Participants[index].Role };
                }
                else
                {
                    Join(e.UserId ?? string.Empty, e.Username ?? "?", e.Color, e.Role);
                }

                return true;
            case Types.Language when e.Language is not null:
            case Types.Run or Types.Activity or Types.Leave or Types.Ended:
                return true;
            default:
                return false; // a type of a later version, or one missing what it needs
        }
    }

    private int Join(string userId, string username, string? color, string? role)
    {
        Participants.Add(new RecordingParticipant(userId, username, color ?? "#888888", role ?? Roles.Candidate));
        return Participants.Count - 1;
    }
}

public sealed record RecordingParticipant(string UserId, string Username, string Color, string Role);
