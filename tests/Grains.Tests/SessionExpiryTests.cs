using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

/// <summary>SESSION_TIMEOUT and MAX_SESSION_DURATION with a moved clock: no test here waits for real time to pass.</summary>
[Collection(ClusterCollection.Name)]
public class SessionExpiryTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();

    [Fact]
    public async Task An_empty_session_expires_30_minutes_after_its_last_activity()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(SessionStatus.Active, (await grain.Describe()).Status);
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(SessionStatus.Expired, (await grain.Describe()).Status);
        var refused = await grain.Join(listener.Request("a", Ada));
        Assert.Equal(ErrorCodes.SessionExpired, refused.Error!.Code);
        Assert.Null(refused.Joined);
    }

    [Fact]
    public async Task Leaving_is_activity_the_idle_timeout_counts_from()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(50)); // present people keep it alive
        await grain.Leave("a");

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(SessionStatus.Active, (await grain.Describe()).Status);
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SessionStatus.Expired, (await grain.Describe()).Status);
    }

    [Fact]
    public async Task An_occupied_session_ends_at_its_maximum_duration_and_tells_its_users()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        for (var hour = 0; hour < 3; hour++)
        {
            ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(59));
            Assert.Null(await grain.ChangeCode("a", $"hour {hour}"));
        }

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(63)); // 4 h after creation, with edits all along

        // The gateway tells it as an error SESSION_EXPIRED and ends the session's connections (ProtocolEventsTests).
        await listener.EventAsync<SessionExpired>();
        Assert.Equal(["a"], Assert.Single(listener.Events, e => e.Change is SessionExpired).Recipients);
        Assert.Equal(ErrorCodes.SessionExpired, (await grain.ChangeCode("a", "too late"))!.Code);
        Assert.Equal(ErrorCodes.SessionExpired, (await grain.Join(listener.Request("b", Ada))).Error!.Code);
        Assert.Equal(SessionStatus.Expired, (await grain.Describe()).Status);
    }

    [Fact]
    public async Task Expiry_survives_deactivation_because_it_is_decided_from_stored_timestamps()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.ChangeCode("a", "persisted");
        await grain.Leave("a");

        // A fresh activation reads what was written; the text survives while the session lives.
        await ForceDeactivationAsync(id);
        var rejoined = (await grain.Join(listener.Request("b", Ada))).Joined!;
        Assert.Equal("persisted", rejoined.CurrentCode);
        await grain.Leave("b");
        await ForceDeactivationAsync(id);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(SessionStatus.Expired, (await grain.Describe()).Status);
    }

    [Fact]
    public async Task The_registry_sweeps_overdue_sessions_so_their_code_is_not_kept()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(31));

        // Nobody calls the session: the registry's sweep alone makes it expire and drop its code.
        await Eventually.HoldsAsync(async () => (await StoredAsync(id)).Expired, "the sweep expires the session in storage");
        Assert.Equal(string.Empty, (await StoredAsync(id)).Code);
        Assert.Equal(SessionStatus.Expired, (await grain.Describe()).Status);
    }

    [Fact]
    public async Task CheckExpiry_ends_a_session_past_its_deadline_and_spares_one_that_is_not()
    {
        var (occupied, occupiedId) = await fixture.CreateSessionAsync();
        var (empty, emptyId) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, occupiedId);
        await occupied.Join(listener.Request("a", Ada));
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(31));

        await occupied.CheckExpiry();
        await empty.CheckExpiry();

        await Eventually.HoldsAsync(async () => (await StoredAsync(emptyId)).Expired, "the empty session expires");
        Assert.Equal(SessionStatus.Active, (await occupied.Describe()).Status);
        Assert.False((await StoredAsync(occupiedId)).Expired);
        Assert.DoesNotContain(listener.Events, e => e.Change is SessionExpired);
    }

    [Fact]
    public async Task Everyone_present_is_told_ten_and_one_minutes_before_the_maximum_duration()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var joined = (await grain.Join(listener.Request("a", Ada))).Joined!;
        var expiresAt = joined.ExpiresAt;
        Assert.Equal((await grain.Describe()).Details!.CreatedAt + TimeSpan.FromHours(4), expiresAt);

        for (var minutes = 0; minutes < 225; minutes += 25)
        {
            ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(25)); // someone is there: it stays open
            Assert.Null(await grain.ChangeCode("a", $"minute {minutes}"));
        }

        ClusterFixture.Clock.Advance(expiresAt - ClusterFixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(10));
        var tenMinutes = await listener.EventAsync<SessionExpiringSoon>();
        Assert.Equal((expiresAt, 10), (tenMinutes.ExpiresAt, tenMinutes.MinutesLeft)); // the session's id: ProtocolEventsTests
        Assert.Equal(["a"], listener.Events.Single(e => e.Change is SessionExpiringSoon).Recipients);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(8));
        await grain.Describe(); // a moment later: no second ten-minute warning
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var oneMinute = await listener.EventAsync<SessionExpiringSoon>(warning => warning.MinutesLeft == 1);
        Assert.Equal(expiresAt, oneMinute.ExpiresAt);
        Assert.Equal(2, listener.Events.Count(e => e.Change is SessionExpiringSoon));

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await listener.EventAsync<SessionExpired>(); // told as SESSION_EXPIRED (ProtocolEventsTests)
    }

    private Task ForceDeactivationAsync(Guid id) =>
        fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    private Task<SessionState> StoredAsync(Guid id) =>
        fixture.StoredAsync<SessionState>("session", fixture.Grains.GetGrain<ISessionGrain>(id));
}
