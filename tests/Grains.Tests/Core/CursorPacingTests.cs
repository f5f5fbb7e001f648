using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Core;

public class CursorPacingTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_users_moves_pass_one_per_interval_and_the_latest_waiting_one_is_sent()
    {
        var pacing = new CursorPacing(_clock);
        Assert.True(pacing.TryPass(Move("ada", 1), "tab-1"));
        for (var i = 2; i <= 100; i++)
        {
            Assert.False(pacing.TryPass(Move("ada", i), i % 2 == 0 ? "tab-2" : "tab-1")); // from two tabs
        }

        Assert.Empty(pacing.TakeDue());
        _clock.Advance(CursorPacing.Interval);
        var due = Assert.Single(pacing.TakeDue());
        Assert.Equal((100, "tab-2"), (due.Cursor.Selections[0].Head, due.From));
        Assert.False(pacing.AnyWaiting);

        Assert.False(pacing.TryPass(Move("ada", 101), "tab-1")); // just sent: this one waits its interval
        _clock.Advance(CursorPacing.Interval);
        Assert.Equal(101, Assert.Single(pacing.TakeDue()).Cursor.Selections[0].Head);
    }

    [Fact]
    public void Users_are_paced_apart_and_a_user_who_left_has_nothing_sent_after()
    {
        var pacing = new CursorPacing(_clock);
        Assert.True(pacing.TryPass(Move("ada", 1), "a"));
        Assert.True(pacing.TryPass(Move("bob", 1), "b")); // Ada's pace is not Bob's
        Assert.False(pacing.TryPass(Move("bob", 2), "b"));
        pacing.Forget("bob");

        _clock.Advance(CursorPacing.Interval);
        Assert.Empty(pacing.TakeDue());
        Assert.True(pacing.TryPass(Move("bob", 3), "b"));
    }

    private static CursorUpdate Move(string user, int offset) => new(user, user, "#000", [new SelectionRange(offset, offset)]);
}
