namespace Interview.Client.Playback;

/// <summary>
/// Where the playback stands and how it moves (docs/protocol.md, "Recording and playback"): a moment on the
/// timeline and the last event at it; play advances display time at the speed (idle gaps are short
/// there, so they are skipped), scrubbing and markers seek, arrow keys step one event.
/// </summary>
public sealed class PlaybackPosition(Replay replay, PlaybackTimeline timeline)
{
    public static readonly IReadOnlyList<int> Speeds = [1, 2, 4, 8, 16, 32];

    public Replay Replay { get; } = replay;
    public PlaybackTimeline Timeline { get; } = timeline;

    /// <summary>Display milliseconds from the start.</summary>
    public double Display { get; private set; }

    /// <summary>The last event shown; -1 before the first.</summary>
    public int Index { get; private set; } = -1;

    public bool Playing { get; private set; }
    public int Speed { get; private set; } = 1;

    public bool AtEnd => Index == Replay.Events.Count - 1 && Display >= Timeline.Length;

    /// <summary>Goes to display time <paramref name="display"/>: every event up to it shown.</summary>
    public void Seek(double display)
    {
        Display = Math.Clamp(display, 0, Timeline.Length);
        Index = Display >= Timeline.Length ? Replay.Events.Count - 1 : Replay.IndexAt(Timeline.RealOf(Display));
    }

    /// <summary>Goes to the moment of event <paramref name="index"/> (a marker, a step), that event shown.</summary>
    public void SeekTo(int index)
    {
        Index = Math.Clamp(index, -1, Replay.Events.Count - 1);
        Display = Index < 0 ? 0 : Timeline.DisplayOf(Replay.Events[Index].At);
    }

    public void Step(int by) => SeekTo(Index + by);

    public void Play()
    {
        if (AtEnd)
        {
            Seek(0);
        }

        Playing = true;
    }

    public void Pause() => Playing = false;

    public void SetSpeed(int speed) => Speed = Speeds.Contains(speed) ? speed : Speed;

    /// <summary>Real <paramref name="elapsed"/> time has passed while playing; stops at the end.</summary>
    public void Advance(TimeSpan elapsed)
    {
        if (!Playing)
        {
            return;
        }

        Seek(Display + elapsed.TotalMilliseconds * Speed);
        if (Display >= Timeline.Length)
        {
            Playing = false;
        }
    }
}
