using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Core;

/// <summary>Deadlines and expiry warnings on a fake clock; no cluster.</summary>
public class SessionLifetimeTests
{
    private static readonly SessionLifetimeOptions Options = new() { SessionTimeout = TimeSpan.FromMinutes(30), MaxSessionDuration = TimeSpan.FromHours(4) };

    private static (SessionLifetime Lifetime, FakeTimeProvider Clock) Started()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var lifetime = new SessionLifetime(clock, Options);
        lifetime.Start(clock.GetUtcNow(), clock.GetUtcNow());
        return (lifetime, clock);
    }

    [Fact]
    public void An_empty_session_ends_after_the_timeout_without_activity()
    {
        var (lifetime, clock) = Started();
        clock.Advance(TimeSpan.FromMinutes(20));
        lifetime.Touch();

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(30), lifetime.Deadline(empty: true));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(lifetime.IsOver(empty: true));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(lifetime.IsOver(empty: true));
    }

    [Fact]
    public void An_occupied_session_ends_only_at_its_maximum_duration()
    {
        var (lifetime, clock) = Started();
        var created = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(created + TimeSpan.FromHours(4), lifetime.Deadline(empty: false));
        Assert.False(lifetime.IsOver(empty: false));
        Assert.True(lifetime.IsOver(empty: true)); // two hours without activity, had nobody been there
        clock.Advance(TimeSpan.FromHours(2));
        Assert.True(lifetime.IsOver(empty: false));
    }

    [Fact]
    public void Activity_never_moves_the_maximum_duration()
    {
        var (lifetime, clock) = Started();
        var created = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(50));
        lifetime.Touch();

        Assert.Equal(created + TimeSpan.FromHours(4), lifetime.Deadline(empty: true)); // the idle deadline would be later
        Assert.Equal(created + TimeSpan.FromHours(4), lifetime.ExpiresAt);
    }

    [Fact]
    public void Warnings_come_once_each_at_ten_and_one_minutes()
    {
        var (lifetime, clock) = Started();
        Assert.Null(lifetime.WarningDue());

        clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Null(lifetime.WarningDue());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new SessionExpiringSoon(lifetime.ExpiresAt, 10), lifetime.WarningDue());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(lifetime.WarningDue()); // no second ten-minute warning

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(new SessionExpiringSoon(lifetime.ExpiresAt, 1), lifetime.WarningDue());
        Assert.Null(lifetime.WarningDue());
    }

    [Fact]
    public void A_late_look_gives_only_the_nearest_warning_with_the_minutes_really_left()
    {
        var (lifetime, clock) = Started();
        clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(30));

        Assert.Equal(new SessionExpiringSoon(lifetime.ExpiresAt, 1), lifetime.WarningDue());
        Assert.Null(lifetime.WarningDue()); // the ten-minute one is not given late
    }
}
