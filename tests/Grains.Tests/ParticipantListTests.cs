using Interview.Grains.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class ParticipantListTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Colors_are_distinct_and_a_freed_color_is_reused()
    {
        await using var gateway = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        var list = new ParticipantList(TimeProvider.System);
        var colors = Enumerable.Range(0, 3).Select(i => list.Add($"c{i}", $"u{i}", $"U{i}", gateway.Reference).User.Color).ToList();
        Assert.Equal(3, colors.Distinct().Count());

        list.Remove("c1");
        Assert.Equal(colors[1], list.Add("c9", "u9", "U9", gateway.Reference).User.Color);
    }

    [Fact]
    public async Task More_users_than_colors_still_get_one()
    {
        await using var gateway = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        var list = new ParticipantList(TimeProvider.System);
        for (var i = 0; i < ParticipantList.Palette.Count + 3; i++)
        {
            Assert.Contains(list.Add($"c{i}", $"u{i}", "U", gateway.Reference).User.Color, ParticipantList.Palette);
        }

        Assert.Equal(ParticipantList.Palette.Count + 3, list.UserCount);
    }

    [Fact]
    public async Task A_user_joining_again_keeps_their_color_and_takes_the_new_name()
    {
        await using var gateway = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        var list = new ParticipantList(TimeProvider.System);
        var (first, isNew) = list.Add("a", "u", "Old", gateway.Reference);
        var (again, isNewAgain) = list.Add("b", "u", "New", gateway.Reference);

        Assert.True(isNew);
        Assert.False(isNewAgain);
        Assert.Same(first, again);
        Assert.Equal("New", list.Snapshot().Single().Username);
    }

    [Fact]
    public async Task A_gateway_whose_lease_lapsed_takes_its_connections_with_it()
    {
        await using var gone = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        await using var alive = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        var leases = new FakeTimeProvider();
        var list = new ParticipantList(leases);
        list.Add("a1", "ada", "Ada", gone.Reference);
        list.Add("a2", "ada", "Ada", alive.Reference); // Ada's second tab is on the live gateway
        list.Add("b1", "bob", "Bob", gone.Reference);

        Assert.Empty(list.RemoveLapsedGateways(TimeSpan.FromMinutes(1)));
        leases.Advance(TimeSpan.FromSeconds(50));
        list.Renew(alive.Reference);
        leases.Advance(TimeSpan.FromSeconds(20));
        var left = list.RemoveLapsedGateways(TimeSpan.FromMinutes(1));

        Assert.Equal(["bob"], left.Select(u => u.Id)); // Ada still has a tab on the live gateway
        Assert.Equal(["ada"], list.Snapshot().Select(u => u.Id));
        Assert.Null(list.UserOf("a1"));
        Assert.NotNull(list.UserOf("a2"));
    }

    [Fact]
    public async Task A_connection_joining_twice_is_still_one_connection_of_one_user()
    {
        await using var gateway = await SessionListener.StartAsync(fixture, Guid.NewGuid());
        var list = new ParticipantList(TimeProvider.System);
        var (first, _) = list.Add("a", "u", "Ada", gateway.Reference);

        var (again, isNew) = list.Add("a", "u", "Ada L.", gateway.Reference);

        Assert.False(isNew);
        Assert.Same(first, again);
        Assert.Equal(["a"], list.ConnectionIds());
        Assert.Equal("Ada L.", list.Snapshot().Single().Username);
        Assert.Same(first, list.Remove("a")); // and one leave takes the user out
    }

    [Fact]
    public void Removing_an_unknown_connection_is_a_no_op()
    {
        var list = new ParticipantList(TimeProvider.System);
        Assert.Null(list.Remove("nobody"));
        Assert.True(list.IsEmpty);
    }
}
