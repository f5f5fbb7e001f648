using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>What a session keeps in grain storage. Who is connected is not persisted: that lives with the connections.</summary>
[GenerateSerializer, Alias("interview.session-state")]
public sealed class SessionState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string Code { get; set; } = string.Empty;
    [Id(2)] public string Language { get; set; } = Languages.Default;
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset LastActivity { get; set; }
    [Id(5)] public long Revision { get; set; }
    [Id(6)] public bool Expired { get; set; }

    /// <summary>The last journal entry this state includes; later ones are replayed on activation.</summary>
    [Id(7)] public long JournalSequence { get; set; }

    /// <summary>Each tab's last applied operation, so a resend after a reactivation is still recognised.</summary>
    [Id(8)] public Dictionary<string, ClientProgress> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>SHA-256 of the interviewer key; empty in sessions created before roles (nobody is an interviewer there).</summary>
    [Id(9)] public byte[] InterviewerKeyHash { get; set; } = [];

    [Id(10)] public string Notes { get; set; } = string.Empty;
    [Id(11)] public long NotesRevision { get; set; }
    [Id(12)] public Dictionary<string, ClientProgress> NotesClients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When an interviewer ended the interview, and who; null while it goes on.</summary>
    [Id(13)] public DateTimeOffset? EndedAt { get; set; }
    [Id(14)] public string? EndedBy { get; set; }
    [Id(15)] public string? EndedByName { get; set; }

    /// <summary>The program input: one text for everyone, read by the programs they run (docs/protocol.md, "Program input").</summary>
    [Id(16)] public string Input { get; set; } = string.Empty;
}
