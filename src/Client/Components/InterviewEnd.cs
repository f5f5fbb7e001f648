using System.Globalization;

namespace Interview.Client.Components;

/// <summary>
/// The interview was ended (docs/protocol.md, "Roles, notes, ending and activity"): by whom and when, as far
/// as this page heard (session-ended says both; a join says when; a SESSION_ENDED refusal neither).
/// </summary>
public sealed record InterviewEnd(string? By, DateTimeOffset? At)
{
    /// <summary>"The interview was ended by Ada at 14:05", the time in the browser's time zone.</summary>
    public string Message =>
        "The interview was ended" + (By is { } by ? $" by {by}" : "") +
        (At is { } at ? $" at {at.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture)}" : "") +
        ". The code is final: it can be read, run and copied, not changed.";

    /// <summary>What is known now, with what <paramref name="later"/> adds.</summary>
    public InterviewEnd With(InterviewEnd later) => new(later.By ?? By, later.At ?? At);
}
