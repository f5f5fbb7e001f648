using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class RateWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_slides_one_run_at_a_time()
    {
        var budget = new RateWindow(3, TimeSpan.FromMinutes(1));
        Assert.True(budget.TryTake("ada", Start, out _));
        Assert.True(budget.TryTake("ada", Start.AddSeconds(10), out _));
        Assert.True(budget.TryTake("ada", Start.AddSeconds(20), out _));

        Assert.False(budget.TryTake("ada", Start.AddSeconds(30), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);
        Assert.True(budget.TryTake("bob", Start.AddSeconds(30), out _)); // each user has their own

        Assert.True(budget.TryTake("ada", Start.AddSeconds(60), out _)); // the first run left the window
        Assert.False(budget.TryTake("ada", Start.AddSeconds(61), out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(9), retryAfter);
    }

    [Fact]
    public void A_refused_run_does_not_count()
    {
        var budget = new RateWindow(1, TimeSpan.FromMinutes(1));
        Assert.True(budget.TryTake("ada", Start, out _));
        for (var second = 1; second < 60; second++)
        {
            Assert.False(budget.TryTake("ada", Start.AddSeconds(second), out _));
        }

        Assert.True(budget.TryTake("ada", Start.AddSeconds(60), out _));
    }

    [Fact]
    public void Users_without_a_run_in_the_window_are_forgotten()
    {
        var budget = new RateWindow(10, TimeSpan.FromMinutes(1));
        budget.TryTake("ada", Start, out _);
        budget.TryTake("bob", Start.AddSeconds(30), out _);

        budget.Prune(Start.AddSeconds(61));

        Assert.Equal(1, budget.TrackedKeys);
        budget.Prune(Start.AddSeconds(91));
        Assert.Equal(0, budget.TrackedKeys);
    }
}
