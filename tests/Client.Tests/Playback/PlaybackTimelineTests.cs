using Interview.Client.Playback;
using Interview.Shared.Contracts;
using static Interview.Client.Tests.Playback.RecordingSamples;

namespace Interview.Client.Tests.Playback;

/// <summary>The timeline: real time with idle gaps cut short, a track per participant, markers; and moving along it.</summary>
public class PlaybackTimelineTests
{
    private static PlaybackPosition Sample()
    {
        var replay = new Replay(Created, new RecordingStart("", "javascript"), AnInterview());
        return new PlaybackPosition(replay, new PlaybackTimeline(replay));
    }

    [Fact]
    public void An_idle_minute_is_cut_to_two_seconds_and_times_map_both_ways()
    {
        var timeline = Sample().Timeline;

        var cut = Assert.Single(timeline.Cuts);
        Assert.Equal((Created.AddSeconds(8), Created.AddSeconds(68), 8000.0, 2000.0), (cut.RealStart, cut.RealEnd, cut.DisplayStart, cut.DisplayLength));
        Assert.Equal(8000 + 2000 + 3000, timeline.Length); // 71 s of real time shown in 13 s
        Assert.Equal(5000, timeline.DisplayOf(Created.AddSeconds(5)));
        Assert.Equal(11000, timeline.DisplayOf(Created.AddSeconds(69)));
        Assert.Equal(9000, timeline.DisplayOf(Created.AddSeconds(38))); // the middle of the cut
        foreach (var display in new[] { 0.0, 2500, 8000, 9000, 10000, 12500, 13000 })
        {
            Assert.Equal(display, timeline.DisplayOf(timeline.RealOf(display)), 3);
        }
    }

    [Fact]
    public void Markers_and_tracks_show_who_did_what_where()
    {
        var timeline = Sample().Timeline;

        Assert.Equal(["join", "join", "paste", "run", "blur", "language", "leave"], timeline.Markers.Select(m => m.Kind));
        Assert.Equal("Cora ran javascript: success", timeline.Markers.Single(m => m.Kind == "run").Label);
        Assert.Equal(7000, timeline.Markers.Single(m => m.Kind == "run").Display);
        Assert.Equal(["ada", "cora"], timeline.Tracks.Select(t => t.Participant.UserId));
        Assert.Equal(3, timeline.Tracks[0].Activity.Sum()); // two code operations and a note
        Assert.Equal(1, timeline.Tracks[1].Activity.Sum());
    }

    [Fact]
    public void Stepping_seeking_and_playing_move_one_event_a_moment_and_the_speed()
    {
        var position = Sample();

        position.Step(1);
        Assert.Equal((0, 1000.0), (position.Index, position.Display));
        position.Step(1);
        position.Step(-1);
        Assert.Equal(0, position.Index);
        position.Seek(6500);
        Assert.Equal(5, position.Index);
        position.SeekTo(6);
        Assert.Equal(7000, position.Display);

        position.SetSpeed(32);
        position.SetSpeed(33); // not offered: unchanged
        position.Seek(0);
        position.Play();
        position.Advance(TimeSpan.FromMilliseconds(250)); // 8 s of the recording
        Assert.Equal((8000.0, 7), (position.Display, position.Index));
        position.Advance(TimeSpan.FromMilliseconds(100)); // through the cut: the idle minute takes 2 s of it
        Assert.Equal(9, position.Index); // the language change and the note after it
        position.Advance(TimeSpan.FromSeconds(1));
        Assert.True(position.AtEnd);
        Assert.False(position.Playing);
        position.Play(); // again from the start
        Assert.Equal((-1, 0.0), (position.Index, position.Display));
    }
}
