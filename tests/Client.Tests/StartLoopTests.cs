using Interview.Client.Services;
using Interview.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>The loop of starts: one at a time, offline past the quick tries, hurried by now, stopped by End.</summary>
public class StartLoopTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ConnectionState> _states = [];
    private int _tries;

    [Fact]
    public async Task It_tries_after_each_pause_goes_offline_past_the_quick_tries_and_stops_once_up()
    {
        var loop = Loop(upAtTry: ReconnectPolicy.QuickTries + 2);
        loop.Keep(0);
        loop.Keep(0); // a second Keep while it runs starts no second loop

        for (var i = 0; i < ReconnectPolicy.QuickTries + 2; i++)
        {
            var before = Volatile.Read(ref _tries);
            await Eventually.HoldsAsync(() =>
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                return Volatile.Read(ref _tries) > before;
            }, $"try {i + 1}", TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ReconnectPolicy.QuickTries + 2, Volatile.Read(ref _tries));
        lock (_states)
        {
            Assert.Contains(ConnectionState.Offline, _states);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Equal(ReconnectPolicy.QuickTries + 2, Volatile.Read(ref _tries)); // up: no more tries
    }

    [Fact]
    public async Task Now_cuts_the_pause_short_and_End_stops_it()
    {
        var loop = Loop(upAtTry: int.MaxValue);
        loop.Keep(ReconnectPolicy.QuickTries); // its pause is long now
        loop.Keep(ReconnectPolicy.QuickTries, now: true);
        await Eventually.HoldsAsync(() => Volatile.Read(ref _tries) >= 1, "tried at once"); // the clock stands still
        await Task.Delay(100);
        var tried = Volatile.Read(ref _tries);

        loop.End();
        Assert.True(loop.Ended);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Equal(tried, Volatile.Read(ref _tries));
        loop.Keep(0, now: true); // ended: no new loop
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Equal(tried, Volatile.Read(ref _tries));
    }

    private StartLoop Loop(int upAtTry) => new(
        () => Task.FromResult(Interlocked.Increment(ref _tries) >= upAtTry),
        state =>
        {
            lock (_states)
            {
                _states.Add(state);
            }
        },
        _clock);
}
