using Interview.Grains.Sessions.Core;
using Interview.Shared.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Grains.Tests.Core;

/// <summary>Presence: users, connections, colors, names, tokens, the participant limit and gateway leases; no cluster needed.</summary>
public class PresenceTests
{
    [Fact]
    public void Colors_are_distinct_and_a_freed_color_is_reused()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var colors = Enumerable.Range(0, 3).Select(i => list.Add($"c{i}", $"u{i}", $"U{i}", gateway).User!.Color).ToList();
        Assert.Equal(3, colors.Distinct().Count());

        list.Remove("c1");
        Assert.Equal(colors[1], list.Add("c9", "u9", "U9", gateway).User!.Color);
    }

    [Fact]
    public void More_users_than_colors_still_get_one()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        for (var i = 0; i < ParticipantColors.Palette.Count + 3; i++)
        {
            Assert.Contains(list.Add($"c{i}", $"u{i}", "U", gateway).User!.Color, ParticipantColors.Palette);
        }

        Assert.Equal(ParticipantColors.Palette.Count + 3, list.UserCount);
    }

    [Fact]
    public void A_user_joining_again_keeps_their_color_and_takes_the_new_name()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var first = list.Add("a", "u", "Old", gateway);
        var again = list.Add("b", "u", "New", gateway, token: first.User!.Token);

        Assert.True(first.IsNewUser);
        Assert.False(again.IsNewUser);
        Assert.Same(first.User, again.User);
        Assert.Equal("New", list.Snapshot().Single().Username);
    }

    [Fact]
    public void A_gateway_whose_lease_lapsed_takes_its_connections_with_it()
    {
        var gone = "gone-gateway";
        var alive = "alive-gateway";
        var leases = new FakeTimeProvider();
        var list = new Presence<string>(leases);
        var ada = list.Add("a1", "ada", "Ada", gone).User!;
        list.Add("a2", "ada", "Ada", alive, token: ada.Token); // Ada's second tab is on the live gateway
        list.Add("b1", "bob", "Bob", gone);

        Assert.Empty(list.RemoveLapsedGateways(TimeSpan.FromMinutes(1)));
        leases.Advance(TimeSpan.FromSeconds(50));
        list.Renew(alive);
        leases.Advance(TimeSpan.FromSeconds(20));
        var left = list.RemoveLapsedGateways(TimeSpan.FromMinutes(1));

        Assert.Equal(["bob"], left.Select(u => u.Id)); // Ada still has a tab on the live gateway
        Assert.Equal(["ada"], list.Snapshot().Select(u => u.Id));
        Assert.Null(list.UserOf("a1"));
        Assert.NotNull(list.UserOf("a2"));
    }

    [Fact]
    public void A_connection_joining_twice_is_still_one_connection_of_one_user()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var first = list.Add("a", "u", "Ada", gateway).User;

        var again = list.Add("a", "u", "Ada L.", gateway); // the connection already is this user: no token needed

        Assert.False(again.IsNewUser);
        Assert.Same(first, again.User);
        Assert.Equal(["a"], list.ConnectionIds());
        Assert.Equal("Ada L.", list.Snapshot().Single().Username);
        Assert.Same(first, list.Remove("a")); // and one leave takes the user out
    }

    [Fact]
    public void A_present_users_id_needs_their_token_and_a_refusal_changes_nothing()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var alice = list.Add("alice-tab", "alice", "Alice", gateway).User!;
        list.Add("mallory-tab", "mallory", "Mallory", gateway);

        Assert.True(UserTokens.IsWellFormed(alice.Token));
        foreach (var guess in new string?[] { null, UserTokens.New(), alice.Token.ToUpperInvariant(), "" })
        {
            Assert.Equal(AdmissionStatus.WrongToken, list.Add("mallory-tab", "alice", "Alice", gateway, token: guess).Status);
            Assert.Equal(AdmissionStatus.WrongToken, list.Add("new-tab", "alice", "Alice", gateway, token: guess).Status);
        }

        // Nothing changed: Mallory is still Mallory, Alice has one tab, the stranger's tab is nobody.
        Assert.Equal("mallory", list.UserOf("mallory-tab")!.Id);
        Assert.Null(list.UserOf("new-tab"));
        Assert.Equal(["alice-tab"], alice.Connections);
        Assert.Equal(["Alice", "Mallory"], list.Snapshot().Select(u => u.Username));
    }

    [Fact]
    public void Once_a_users_last_tab_left_the_id_is_free_and_a_returning_tab_keeps_its_token()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var token = list.Add("a", "u", "Ada", gateway).User!.Token;
        list.Remove("a");

        var back = list.Add("b", "u", "Ada", gateway, token: token);
        Assert.True(back.IsNewUser);
        Assert.Equal(token, back.User!.Token); // the browser's other tabs still hold it

        list.Remove("b");
        var stranger = list.Add("c", "u", "Ada", gateway); // no token: a full-text client after a drop
        Assert.Equal(AdmissionStatus.Admitted, stranger.Status);
        Assert.NotEqual(token, stranger.User!.Token);
    }

    [Fact]
    public void A_connection_that_becomes_someone_else_reports_who_it_was()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        list.Add("a", "ada", "Ada", gateway);

        var now = list.Add("a", "bob", "Bob", gateway);

        Assert.Equal("ada", now.Left!.Id);
        Assert.Equal(["bob"], list.Snapshot().Select(u => u.Id));
    }

    [Fact]
    public void New_users_past_the_limit_are_refused_but_tabs_of_present_users_and_reregistrations_are_not()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System, maxUsers: 2);
        var ada = list.Add("a1", "ada", "Ada", gateway).User!;
        list.Add("b1", "bob", "Bob", gateway);

        Assert.Equal(AdmissionStatus.Full, list.Add("c1", "cy", "Cy", gateway).Status);
        Assert.Equal(AdmissionStatus.Admitted, list.Add("a2", "ada", "Ada", gateway, token: ada.Token).Status);
        Assert.Equal(AdmissionStatus.Admitted, list.Add("b1", "cy", "Cy", gateway).Status); // Bob's only tab becomes Cy: still two
        Assert.Equal(AdmissionStatus.Admitted, list.Add("d1", "dee", "Dee", gateway, reregistration: true).Status);
        Assert.Equal(3, list.UserCount);
    }

    [Theory]
    [InlineData("Alice", "Alice", "Alice (2)")]
    [InlineData("Alice", "ALICE", "ALICE (2)")]
    [InlineData("Alice", "\uFF21lice", "\uFF21lice (2)")]
    [InlineData("Alice", "Bob", "Bob")]
    public void A_second_participant_with_the_same_visible_name_is_marked_apart(string first, string second, string shown)
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        list.Add("a", "u1", System.Text.RegularExpressions.Regex.Unescape(first), gateway);
        list.Add("b", "u2", System.Text.RegularExpressions.Regex.Unescape(second), gateway);
        list.Add("c", "u3", "Alice (2)", gateway); // someone naming themselves like the marked one

        var names = list.Snapshot().Select(u => u.Username).ToList();
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(shown), names[1]);
        Assert.Equal(names.Count, names.Select(Usernames.Likeness).Distinct().Count());
    }

    [Fact]
    public void A_rename_to_a_taken_name_is_marked_and_the_mark_goes_when_the_name_does()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        list.Add("a", "u1", "Alice", gateway);
        list.Add("b", "u2", "Bob", gateway);

        list.Add("b", "u2", "Alice", gateway);
        Assert.Equal("Alice (2)", list.UserOf("b")!.Username);
        list.Add("b", "u2", "Alice", gateway); // the same name again: no "(3)"
        Assert.Equal("Alice (2)", list.UserOf("b")!.Username);
        list.Add("b", "u2", "Robert", gateway);
        Assert.Equal("Robert", list.UserOf("b")!.Username);
    }

    [Fact]
    public void A_marked_name_still_fits_in_50_characters()
    {
        var gateway = "gateway-gateway";
        var list = new Presence<string>(TimeProvider.System);
        var name = new string('a', 45) + "😀" + "aaa"; // 50: making room for " (2)" would split the pair
        list.Add("a", "u1", name, gateway);
        list.Add("b", "u2", name, gateway);

        var marked = list.UserOf("b")!.Username;
        Assert.Equal(new string('a', 45) + " (2)", marked);
    }

    [Fact]
    public void Removing_an_unknown_connection_is_a_no_op()
    {
        var list = new Presence<string>(TimeProvider.System);
        Assert.Null(list.Remove("nobody"));
        Assert.True(list.IsEmpty);
    }

    [Fact]
    public void Gateways_are_told_apart_by_the_hosts_comparer_and_listed_once()
    {
        var list = new Presence<string>(TimeProvider.System, gateways: StringComparer.OrdinalIgnoreCase);
        var ada = list.Add("a1", "ada", "Ada", "gateway-1").User!;
        list.Add("a2", "ada", "Ada", "GATEWAY-1", token: ada.Token); // another reference to the same gateway

        Assert.Equal(["gateway-1"], list.Gateways);
        Assert.True(list.Renew("Gateway-1"));
        list.Remove("a1");
        Assert.True(list.Renew("gateway-1")); // a2 still holds the lease
        list.Remove("a2");
        Assert.False(list.Renew("gateway-1"));
    }

    [Fact]
    public void Only_full_text_connections_make_the_whole_text_needed()
    {
        var list = new Presence<string>(TimeProvider.System);
        list.Add("ot", "ada", "Ada", "g", ot: true);
        Assert.False(list.HasFullTextClients);

        list.Add("plain", "bob", "Bob", "g");
        Assert.True(list.HasFullTextClients);
        list.Remove("plain");
        Assert.False(list.HasFullTextClients);
    }
}
