using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Tests.Core;

/// <summary>A user's budgets in a session: each counted apart, per user, for a minute; no cluster.</summary>
public class SessionBudgetsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_budget_is_counted_per_user_and_apart_from_the_others()
    {
        var budgets = new SessionBudgets(new RateLimitOptions { MessagesPerMinute = 2, OperationsPerMinute = 1, ExecutionsPerMinute = 1 });

        Assert.Null(budgets.TakeMessage("ada", Start));
        Assert.Null(budgets.TakeMessage("ada", Start));
        Assert.NotNull(budgets.TakeMessage("ada", Start));
        Assert.Null(budgets.TakeMessage("bob", Start)); // Ada's spent budget is not Bob's
        Assert.Null(budgets.TakeOperation("ada", Start)); // nor are messages edits
        Assert.NotNull(budgets.TakeOperation("ada", Start));
        Assert.Null(budgets.TakeRun("ada", Start));
        Assert.NotNull(budgets.TakeRun("ada", Start));
    }

    [Fact]
    public void A_spent_budget_says_how_long_until_it_comes_back()
    {
        var budgets = new SessionBudgets(new RateLimitOptions { MessagesPerMinute = 1 });
        budgets.TakeMessage("ada", Start);

        var retryAfter = budgets.TakeMessage("ada", Start + TimeSpan.FromSeconds(20));
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        budgets.Prune(Start + TimeSpan.FromMinutes(2));
        Assert.Null(budgets.TakeMessage("ada", Start + TimeSpan.FromMinutes(2)));
    }
}
