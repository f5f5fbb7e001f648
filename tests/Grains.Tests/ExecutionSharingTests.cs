using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

/// <summary>SessionGrain.ShareExecution: a run reaches everyone else in the session, within each user's runs a minute.</summary>
[Collection(ClusterCollection.Name)]
public class ExecutionSharingTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Bob = Guid.NewGuid().ToString();

    private static ExecutionResult Run(string output) =>
        new("javascript", true, output, null, 3, ["Hello"]);

    [Fact]
    public async Task A_run_goes_to_every_other_connection_with_who_ran_it()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada-1", Ada, "Ada"));
        await grain.Join(listener.Request("ada-2", Ada, "Ada"));
        await grain.Join(listener.Request("bob-1", Bob, "Bob"));

        Assert.Null(await grain.ShareExecution("ada-1", Run("2")));

        await Eventually.HoldsAsync(() => listener.Events.Any(e => e.Change is RunShared), "the run is published");
        var shared = listener.Events.Single(e => e.Change is RunShared);
        Assert.Equal(["ada-2", "bob-1"], shared.Recipients.Order());
        var (user, run) = Assert.IsType<RunShared>(shared.Change) is var change ? (change, change.Run) : default;
        Assert.Equal((Ada, "Ada", "javascript", true, "2", (string?)null, 3L),
            (user.UserId, user.Username, run.Language, run.Success, run.Output, run.Error, run.ExecutionTime));
        Assert.Equal(["Hello"], run.Logs); // told with the session's id as execution-result (ProtocolEventsTests)
    }

    [Fact]
    public async Task Each_user_shares_at_most_ten_runs_a_minute()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada-1", Ada, "Ada"));
        await grain.Join(listener.Request("bob-1", Bob, "Bob"));

        for (var run = 0; run < 10; run++)
        {
            Assert.Null(await grain.ShareExecution("ada-1", Run($"{run}")));
            ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var refusal = await grain.ShareExecution("ada-1", Run("eleventh"));
        Assert.Equal(ErrorCodes.RateLimitExceeded, refusal!.Code);
        Assert.Equal("50", refusal.Details!["retryAfter"]); // the first run leaves the window 60 s after it was made
        Assert.Null(await grain.ShareExecution("bob-1", Run("bob's")));

        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await grain.ShareExecution("ada-1", Run("a minute after the first")));
        Assert.NotNull(await grain.ShareExecution("ada-1", Run("but not two")));
    }

    [Fact]
    public async Task A_connection_outside_the_session_cannot_share()
    {
        var (grain, _) = await fixture.CreateSessionAsync();

        var refusal = await grain.ShareExecution("stranger", Run("2"));

        Assert.Equal(ErrorCodes.InvalidSession, refusal!.Code);
    }
}
