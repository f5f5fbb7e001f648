using Bunit;
using Interview.Client.Activity;
using Interview.Client.Components;
using Interview.Client.Services;
using Interview.Client.Sessions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>What a candidate's page reports (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public class CandidateActivityTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ActivityPayload> _reported = [];
    private readonly CandidateActivity _activity;

    public CandidateActivityTests() => _activity = new CandidateActivity(activity =>
    {
        _reported.Add(activity);
        return Task.CompletedTask;
    }, _clock);

    [Fact]
    public void A_paste_from_outside_is_reported_by_its_size_never_its_text()
    {
        _activity.Pasted("function f() {\n  return 1;\n}\nf();");

        var paste = Assert.Single(_reported);
        Assert.Equal((ActivityKinds.Paste, 33, 4), (paste.Kind, paste.Chars, paste.Lines));
        Assert.DoesNotContain("return", paste.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pasting_what_this_editor_copied_or_cut_is_not_reported_and_anything_else_is()
    {
        _activity.Copied("let x = 1;\n");
        _activity.Pasted("let x = 1;\n");
        _activity.Pasted("let x = 1;\r\n"); // the same, as another system's line break
        Assert.Empty(_reported);

        _activity.Pasted("let x = 2;\n");
        _activity.Copied("cut text");
        _activity.Pasted("let x = 1;\n"); // no longer what the editor put there

        Assert.Equal([(11, 1), (11, 1)], _reported.Select(r => (r.Chars!.Value, r.Lines!.Value)));
    }

    [Fact]
    public void An_empty_paste_is_not_reported()
    {
        _activity.Pasted(string.Empty);

        Assert.Empty(_reported);
    }

    [Fact]
    public void Each_absence_is_one_blur_then_one_focus_with_how_long_it_lasted()
    {
        _activity.PresenceChanged(true); // present from the start: nothing to say
        _activity.PresenceChanged(false); // the tab hidden
        _activity.PresenceChanged(false); // and the window left: the same absence
        _clock.Advance(TimeSpan.FromSeconds(12.3));
        _activity.PresenceChanged(true);
        _activity.PresenceChanged(true);
        _activity.PresenceChanged(false);
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        _activity.PresenceChanged(true);

        Assert.Equal(
            [(ActivityKinds.Blur, null), (ActivityKinds.Focus, 12_300L), (ActivityKinds.Blur, null), (ActivityKinds.Focus, 400L)],
            _reported.Select(r => (r.Kind, r.AwayMs)));
        Assert.False(_activity.Away);
    }

    [Fact]
    public async Task Reports_go_in_order_even_when_one_waits()
    {
        var first = new TaskCompletionSource();
        var sent = new List<string>();
        var activity = new CandidateActivity(async report =>
        {
            if (sent.Count == 0)
            {
                sent.Add("waiting");
                await first.Task;
            }

            sent.Add(report.Kind);
        }, _clock);

        activity.PresenceChanged(false);
        activity.PresenceChanged(true);
        activity.Pasted("x");
        Assert.Equal(["waiting"], sent);
        first.SetResult();

        await Eventually.HoldsAsync(() => sent.Count == 4, "every report went");
        Assert.Equal(["waiting", ActivityKinds.Blur, ActivityKinds.Focus, ActivityKinds.Paste], sent);
    }

    [Theory]
    [InlineData("one line", 1)]
    [InlineData("two\nlines", 2)]
    [InlineData("a line and its break\n", 1)]
    [InlineData("\n", 1)]
    [InlineData("a\n\nb\n", 3)]
    public void Lines_are_counted_as_the_editor_shows_them(string text, int lines) => Assert.Equal(lines, CandidateActivity.LinesOf(text));
}

public class ActivityFeedTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Each_report_is_a_line_in_words_newest_first()
    {
        var feed = new ActivityFeed();
        feed.Add(new ActivityUpdate("u", "Ada", ActivityKinds.Paste, At, Chars: 120, Lines: 4));
        feed.Add(new ActivityUpdate("u", "Ada", ActivityKinds.Blur, At.AddSeconds(5)));
        feed.Add(new ActivityUpdate("u", "Ada", ActivityKinds.Focus, At.AddSeconds(17), AwayMs: 12_000));
        feed.Add(new ActivityUpdate("u", "Ada", ActivityKinds.Paste, At.AddSeconds(20), Chars: 1, Lines: 1));

        Assert.Equal(
            ["Ada pasted 1 character (1 line)", "Ada came back after 12 s", "Ada left the tab", "Ada pasted 120 characters (4 lines)"],
            feed.Lines.Select(l => l.Text));
        Assert.Equal(At.AddSeconds(20), feed.Lines[0].At);
    }

    [Theory]
    [InlineData(400, "0 s")]
    [InlineData(59_400, "59 s")]
    [InlineData(185_000, "3 min 5 s")]
    [InlineData(3_720_000, "1 h 2 min")]
    public void Absences_read_as_seconds_minutes_hours(long milliseconds, string words) => Assert.Equal(words, ActivityFeed.Duration(milliseconds));

    [Fact]
    public void The_panel_shows_the_lines_with_their_time()
    {
        using var context = new BunitContext();
        var lines = new[] { new ActivityLine(At, "Ada left the tab") };

        var panel = context.Render<ActivityFeedPanel>(p => p.Add(f => f.Lines, lines));

        Assert.Equal("Ada left the tab", panel.Find(".activity-line .activity-text").TextContent);
        Assert.Equal(At.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), panel.Find(".activity-line time").TextContent);
    }
}

public class InterviewerLinkTests
{
    private const string Id = "550e8400-e29b-41d4-a716-446655440000";
    private const string Key = "Abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE";

    [Fact]
    public void The_links_are_the_session_s_address_and_the_same_with_the_key_in_the_fragment()
    {
        Assert.Equal($"http://x/session/{Id}", InterviewerLink.ForCandidate("http://x/", Id));
        Assert.Equal($"http://x/session/{Id}#interviewer={Key}", InterviewerLink.ForInterviewer("http://x/", Id, Key));
    }

    [Fact]
    public void The_key_is_read_from_the_fragment_and_the_address_is_left_without_it()
    {
        var link = $"http://x/session/{Id}#interviewer={Key}";

        Assert.Equal(Key, InterviewerLink.KeyIn(link));
        Assert.Equal($"http://x/session/{Id}", InterviewerLink.WithoutFragment(link));
        Assert.Null(InterviewerLink.KeyIn($"http://x/session/{Id}"));
        Assert.Equal(string.Empty, InterviewerLink.KeyIn($"http://x/session/{Id}#interviewer=<script>"));
        Assert.Equal(string.Empty, InterviewerLink.KeyIn($"http://x/session/{Id}#interviewer={new string('a', 500)}"));
    }
}

public class InterviewEndTests
{
    [Fact]
    public void The_banner_says_who_ended_it_and_when_as_far_as_the_page_knows()
    {
        var at = new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);
        var time = at.ToLocalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        Assert.StartsWith($"The interview was ended by Ada at {time}.", new InterviewEnd("Ada", at).Message, StringComparison.Ordinal);
        Assert.StartsWith($"The interview was ended at {time}.", new InterviewEnd(null, at).Message, StringComparison.Ordinal);
        Assert.StartsWith("The interview was ended.", new InterviewEnd(null, null).Message, StringComparison.Ordinal);
        Assert.Equal(new InterviewEnd("Ada", at), new InterviewEnd(null, null).With(new InterviewEnd("Ada", at)));
        Assert.Equal(new InterviewEnd("Ada", at), new InterviewEnd("Ada", at).With(new InterviewEnd(null, at)));
    }
}

public class EndInterviewTests : BunitContext
{
    private int _ends;

    [Fact]
    public void Ending_asks_on_the_page_first_and_cancel_ends_nothing()
    {
        var end = Render<EndInterview>(p => p.Add(e => e.OnEnd, () => _ends++));

        end.Find("#end-interview").Click();
        Assert.Equal("End the interview for everyone?", end.Find(".end-question").TextContent);
        Assert.Equal(0, _ends);
        end.Find("#end-cancel").Click();

        Assert.Empty(end.FindAll(".end-question"));
        Assert.Equal(0, _ends);
        Assert.NotNull(end.Find("#end-interview"));
    }

    [Fact]
    public void Confirming_ends_the_interview_once()
    {
        var end = Render<EndInterview>(p => p.Add(e => e.OnEnd, () => _ends++));

        end.Find("#end-interview").Click();
        end.Find("#end-confirm").Click();

        Assert.Equal(1, _ends);
        Assert.Empty(end.FindAll("#end-confirm"));
    }

    [Fact]
    public void An_ended_interview_cannot_be_ended_again()
    {
        var end = Render<EndInterview>(p => p.Add(e => e.OnEnd, () => _ends++).Add(e => e.Disabled, true));

        Assert.True(end.Find("#end-interview").HasAttribute("disabled"));
    }
}
