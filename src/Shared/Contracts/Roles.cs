namespace Interview.Shared.Contracts;

/// <summary>Who a connection is in an interview (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public static class Roles
{
    public const string Interviewer = "interviewer";
    public const string Candidate = "candidate";
}

/// <summary>The texts of a session: the code everyone edits, and the notes only interviewers see.</summary>
public static class Documents
{
    public const string Code = "code";
    public const string Notes = "notes";
}

/// <summary>What a candidate's browser reports in activity.</summary>
public static class ActivityKinds
{
    public const string Paste = "paste";
    public const string Blur = "blur";
    public const string Focus = "focus";

    /// <summary>A paste's chars and lines, at most.</summary>
    public const int MaxPasteSize = 10_000_000;

    /// <summary>A focus's awayMs, at most: a day.</summary>
    public const long MaxAwayMs = 86_400_000;

    public static bool IsKnown(string kind) => kind is Paste or Blur or Focus;
}
