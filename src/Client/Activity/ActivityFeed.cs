using System.Globalization;
using Interview.Shared.Contracts;

namespace Interview.Client.Activity;

/// <summary>One line of the interviewer's activity feed: when, and what the candidate did.</summary>
public sealed record ActivityLine(DateTimeOffset At, string Text);

/// <summary>
/// The candidates' pastes and focus changes as the interviewer reads them, newest first
/// (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed class ActivityFeed
{
    private const int MaxLines = 200;
    private readonly List<ActivityLine> _lines = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ActivityLine> Lines => _lines;

    public void Add(ActivityUpdate update)
    {
        _lines.Insert(0, new ActivityLine(update.At, Describe(update)));
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(_lines.Count - 1);
        }
    }

    /// <summary>"Ada pasted 120 characters (4 lines)", "Ada left the tab", "Ada came back after 12 s".</summary>
    public static string Describe(ActivityUpdate update) => update.Kind switch
    {
        ActivityKinds.Paste => $"{update.Username} pasted {Count(update.Chars ?? 0, "character")} ({Count(update.Lines ?? 0, "line")})",
        ActivityKinds.Blur => $"{update.Username} left the tab",
        ActivityKinds.Focus => $"{update.Username} came back after {Duration(update.AwayMs ?? 0)}",
        _ => $"{update.Username}: {update.Kind}",
    };

    /// <summary>"12 s", "3 min 5 s", "1 h 2 min".</summary>
    public static string Duration(long milliseconds)
    {
        var seconds = (long)Math.Round(milliseconds / 1000.0);
        return seconds switch
        {
            < 60 => $"{seconds} s",
            < 3600 => $"{seconds / 60} min {seconds % 60} s",
            _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
        };
    }

    private static string Count(int count, string noun) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
