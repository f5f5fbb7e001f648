using Interview.Shared.Contracts;
using Types = Interview.Shared.Contracts.RecordedEventTypes;

namespace Interview.Client.Playback;

/// <summary>A stretch of the timeline: real time from <see cref="RealStart"/> shown from <see cref="DisplayStart"/>, squeezed when <see cref="IsCut"/>.</summary>
public readonly record struct TimelineSpan(DateTimeOffset RealStart, DateTimeOffset RealEnd, double DisplayStart, double DisplayLength, bool IsCut);

/// <summary>A marker on the timeline: a run, a language change, a paste, a focus loss, a join or a leave, at an event.</summary>
public readonly record struct TimelineMarker(string Kind, int Index, double Display, string? UserId, string Label);

/// <summary>
/// The recording's time as the playback shows it: real time, except that an idle gap (no event for over
/// <see cref="IdleGap"/>) takes only <see cref="CutLength"/> and is drawn as a cut, both on the timeline
/// and while playing. Display time is in milliseconds from the session's creation.
/// </summary>
public sealed class PlaybackTimeline
{
    public static readonly TimeSpan IdleGap = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan CutLength = TimeSpan.FromSeconds(2);

    /// <summary>Columns of each participant's track: how much they typed when.</summary>
    public const int Bins = 120;

    private readonly List<TimelineSpan> _spans = [];

    public PlaybackTimeline(Replay replay)
    {
        var (real, display) = (replay.CreatedAt, 0.0);
        foreach (var at in replay.Events.Select(e => e.At < replay.CreatedAt ? replay.CreatedAt : e.At))
        {
            if (at <= real)
            {
                continue;
            }

            var gap = at - real;
            var cut = gap > IdleGap;
            var shown = cut ? CutLength.TotalMilliseconds : gap.TotalMilliseconds;
            _spans.Add(new TimelineSpan(real, at, display, shown, cut));
            (real, display) = (at, display + shown);
        }

        (Start, End, Length) = (replay.CreatedAt, real, display);
        Cuts = [.. _spans.Where(s => s.IsCut)];
        Markers = [.. replay.Events.Select((e, i) => Marker(replay, e, i)).OfType<TimelineMarker>()];
        Tracks = [.. replay.Participants.Select(p => Track(replay, p))];
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    /// <summary>The whole timeline's display length in milliseconds.</summary>
    public double Length { get; }

    /// <summary>The idle gaps, found once: the timeline draws them at every render.</summary>
    public IReadOnlyList<TimelineSpan> Cuts { get; }
    public IReadOnlyList<TimelineMarker> Markers { get; }
    public IReadOnlyList<ParticipantTrack> Tracks { get; }

    public double DisplayOf(DateTimeOffset at)
    {
        if (at <= Start || _spans.Count == 0)
        {
            return 0;
        }

        var span = _spans[Last(s => s.RealStart <= at)];
        if (at >= span.RealEnd)
        {
            return span.DisplayStart + span.DisplayLength;
        }

        return span.IsCut ? span.DisplayStart + span.DisplayLength * ((at - span.RealStart) / (span.RealEnd - span.RealStart)) : span.DisplayStart + (at - span.RealStart).TotalMilliseconds;
    }

    public DateTimeOffset RealOf(double display)
    {
        if (display <= 0 || _spans.Count == 0)
        {
            return Start;
        }

        var span = _spans[Last(s => s.DisplayStart <= display)];
        var into = Math.Min(display - span.DisplayStart, span.DisplayLength);
        return span.IsCut
            ? span.RealStart + (span.RealEnd - span.RealStart) * (into / span.DisplayLength)
            : span.RealStart + TimeSpan.FromMilliseconds(into);
    }

    /// <summary>The last span that <paramref name="before"/> holds for (they are in order), by bisection: seeking must not walk them all.</summary>
    private int Last(Func<TimelineSpan, bool> before)
    {
        var (low, high) = (0, _spans.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = before(_spans[middle]) ? (middle, high) : (low, middle - 1);
        }

        return low;
    }

    private TimelineMarker? Marker(Replay replay, RecordedEvent e, int index)
    {
        var name = replay.Participants.FirstOrDefault(p => p.UserId == e.UserId)?.Username ?? e.Username ?? string.Empty;
        (string Kind, string Label)? marker = e.Type switch
        {
            Types.Run => ("run", $"{name} ran {e.Language}: {(e.Success == true ? "success" : "error")}"),
            Types.Language => ("language", $"{name} switched to {e.Language}"),
            Types.Activity when e.Kind == ActivityKinds.Paste => ("paste", $"{name} pasted {e.Chars} characters"),
            Types.Activity when e.Kind == ActivityKinds.Blur => ("blur", $"{name} left the tab"),
            Types.Join => ("join", $"{name} joined"),
            Types.Leave => ("leave", $"{name} left"),
            Types.Ended => ("ended", e.Reason == Types.Expired ? "The session expired" : $"{name} ended the interview"),
            _ => null,
        };
        return marker is { } m ? new TimelineMarker(m.Kind, index, DisplayOf(e.At), e.UserId, m.Label) : null;
    }

    private ParticipantTrack Track(Replay replay, RecordingParticipant participant)
    {
        var bins = new int[Bins];
        foreach (var e in replay.Events.Where(e => e.UserId == participant.UserId && e.Type is Types.Operation or Types.Notes))
        {
            bins[Math.Min(Bins - 1, (int)(Length <= 0 ? 0 : DisplayOf(e.At) / Length * Bins))]++;
        }

        return new ParticipantTrack(participant, bins);
    }
}

/// <summary>One participant's row: their operations, counted per column of the timeline.</summary>
public sealed record ParticipantTrack(RecordingParticipant Participant, int[] Activity);
