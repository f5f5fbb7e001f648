using Interview.Shared.Validation;
using Interview.Grains.Registry;
using Interview.Grains.Sessions;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class SessionRegistryTests(ClusterFixture fixture)
{
    private ISessionRegistryGrain Registry => SessionRegistry.Get(fixture.Grains);

    [Fact]
    public void The_registry_is_kept_in_the_storage_the_silo_configures_for_sessions()
    {
        Assert.Equal(SessionGrain.Storage, SessionRegistryGrain.Storage); // the registry names it without depending on Sessions
    }

    [Fact]
    public async Task Counts_sessions_until_their_deadline_passes()
    {
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(5)); // every earlier test's session is past its deadline
        Assert.Equal(0, await Registry.CountActive());

        var occupied = fixture.Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        var empty = fixture.Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        await occupied.Create("javascript", InterviewerKeys.Hash(ClusterFixture.Key));
        await empty.Create("python", InterviewerKeys.Hash(ClusterFixture.Key));
        Assert.Equal(2, await Registry.CountActive());

        await using var listener = await SessionListener.StartAsync(fixture, occupied.GetPrimaryKey());
        await occupied.Join(listener.Request("a", Guid.NewGuid().ToString()));
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(1, await Registry.CountActive()); // the empty one timed out, the occupied one lives on
    }

    [Fact]
    public async Task Track_and_forget()
    {
        var id = Guid.NewGuid();
        var before = await Registry.CountActive();

        await Registry.Track(id, ClusterFixture.Clock.GetUtcNow().AddMinutes(5));
        await Registry.Track(id, ClusterFixture.Clock.GetUtcNow().AddMinutes(10));
        Assert.Equal(before + 1, await Registry.CountActive());

        await Registry.Forget(id);
        await Registry.Forget(id);
        Assert.Equal(before, await Registry.CountActive());
    }

    [Fact]
    public async Task An_overdue_id_with_no_session_behind_it_is_swept_away()
    {
        var ghost = Guid.NewGuid();
        await Registry.Track(ghost, ClusterFixture.Clock.GetUtcNow().AddMinutes(1));
        await Eventually.HoldsAsync(async () => (await StoredAsync()).Deadlines.ContainsKey(ghost), "the registry writes the id");

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(2));

        // The sweep asks the never-created session, which has the registry forget it.
        await Eventually.HoldsAsync(async () => !(await StoredAsync()).Deadlines.ContainsKey(ghost), "the registry forgets the id");
    }

    private Task<RegistryState> StoredAsync() => fixture.StoredAsync<RegistryState>("registry", Registry);
}
