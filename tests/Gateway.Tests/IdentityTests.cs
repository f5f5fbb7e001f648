using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// Nobody can take another participant's place: every client learns the others' ids from session-joined,
/// and a join naming one of them needs that user's userToken, which nobody else is ever sent.
/// </summary>
[Collection(GatewayCollection.Name)]
public class IdentityTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_join_with_another_participants_shown_id_is_forbidden_and_changes_nothing()
    {
        var id = await fixture.CreateSessionAsync();
        await using var alice = await fixture.ConnectAsync("Alice");
        await using var mallory = await fixture.ConnectAsync("Mallory");
        var aliceToken = (await alice.JoinAsync(id)).Str("userToken");
        var malloryJoined = await mallory.JoinAsync(id);
        var aliceId = malloryJoined.GetProperty("users").EnumerateArray().Single(u => u.Str("username") == "Alice").Str("id");
        await using var stranger = await fixture.ConnectAsync("Stranger");

        foreach (var (tab, token) in new (TestParticipant, string?)[]
        {
            (mallory, null), (mallory, UserTokens.New()), (mallory, malloryJoined.Str("userToken")), (stranger, null), (stranger, UserTokens.New()),
        })
        {
            var refused = await tab.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = aliceId, username = "Alice", userToken = token });
            Assert.Equal((ErrorCodes.Forbidden, id), (refused.Str("code"), refused.GetProperty("details").Str("sessionId")));
        }

        var malformed = await mallory.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = aliceId, userToken = "guess" });
        Assert.Equal((ErrorCodes.InvalidPayload, "userToken"), (malformed.Str("code"), malformed.GetProperty("details").Str("field")));

        // Mallory is still Mallory: her change arrives as hers, the stranger is in nothing, Alice was told nothing.
        await mallory.ChangeCodeAsync(id, "from Mallory");
        Assert.Equal(mallory.UserId, (await alice.EventAsync(HubEvents.CodeUpdate)).Str("userId"));
        var outsider = await stranger.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = "x", language = "javascript", userId = aliceId });
        Assert.Equal(ErrorCodes.InvalidSession, outsider.Str("code"));
        Assert.Equal(2, (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Int("userCount"));
        await alice.EventAsync(HubEvents.UserJoined);
        Assert.Equal([mallory.UserId], alice.All(HubEvents.UserJoined).Select(u => u.Str("userId")));
        Assert.Empty(alice.All(HubEvents.UserLeft));
        Assert.Empty(alice.All(HubEvents.Error));

        // No event to anyone carries someone else's token.
        Assert.DoesNotContain(Everything(mallory), payload => payload.Contains(aliceToken, StringComparison.Ordinal));
        Assert.DoesNotContain(Everything(stranger), payload => payload.Contains(aliceToken, StringComparison.Ordinal));
        Assert.DoesNotContain(Everything(alice), payload => payload.Contains(malloryJoined.Str("userToken"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tokens_of_the_wrong_type_or_from_another_session_and_huge_names_are_refused_and_typing_goes_on()
    {
        var id = await fixture.CreateSessionAsync();
        var elsewhere = await fixture.CreateSessionAsync();
        await using var alice = await fixture.ConnectAsync("Alice");
        await alice.JoinAsync(id);
        await using var aliceElsewhere = await fixture.ConnectAsync("Alice", alice.UserId);
        var otherToken = (await aliceElsewhere.JoinAsync(elsewhere)).Str("userToken"); // Alice's token, but of another session
        await using var mallory = await fixture.ConnectAsync("Mallory");
        await mallory.JoinAsync(id);

        foreach (var token in new object[] { 42, new { value = "x" }, new[] { "a" }, true, new string('A', 44), new string('A', 42) + "=" })
        {
            var wrong = await mallory.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = alice.UserId, userToken = token });
            Assert.Equal((ErrorCodes.InvalidPayload, "userToken"), (wrong.Str("code"), wrong.GetProperty("details").Str("field")));
        }

        var foreign = await mallory.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = alice.UserId, userToken = otherToken });
        Assert.Equal(ErrorCodes.Forbidden, foreign.Str("code"));
        foreach (var username in new object[] { 7, new { first = "A" } })
        {
            var bad = await mallory.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = mallory.UserId, username });
            Assert.Equal((ErrorCodes.InvalidPayload, "username"), (bad.Str("code"), bad.GetProperty("details").Str("field")));
        }

        // A 10,000-character name is cut to 50, and the refused one typing right after is still herself.
        var again = await mallory.JoinAsync(id);
        await using var newcomer = await fixture.ConnectAsync(new string('M', 10_000));
        Assert.Equal(new string('M', 50), (await newcomer.JoinAsync(id)).GetProperty("users").EnumerateArray().Last().Str("username"));
        await mallory.ChangeCodeAsync(id, "typed after every refusal");
        Assert.Equal(mallory.UserId, (await alice.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "typed after every refusal")).Str("userId"));
        Assert.Equal(2, again.Int("userCount"));
    }

    [Fact]
    public async Task A_spec_only_client_reconnects_as_before_but_a_second_tab_of_it_is_refused()
    {
        var id = await fixture.CreateSessionAsync();
        await using var alice = await fixture.ConnectAsync("Alice");
        await alice.JoinAsync(id);
        var bob = await fixture.ConnectAsync("Bob");
        await bob.JoinAsync(id, withToken: false);

        await using var secondTab = await fixture.ConnectAsync("Bob", bob.UserId);
        var refused = await secondTab.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = bob.UserId, username = "Bob" });
        Assert.Equal(ErrorCodes.Forbidden, refused.Str("code"));

        await bob.DisposeAsync(); // the drop
        await alice.EventAsync(HubEvents.UserLeft, u => u.Str("userId") == bob.UserId);
        await using var bobAgain = await fixture.ConnectAsync("Bob", bob.UserId);
        var rejoined = await bobAgain.JoinAsync(id, withToken: false); // the id is free again
        Assert.Equal(2, rejoined.Int("userCount"));
    }

    [Fact]
    public async Task Our_clients_tabs_stay_one_user_with_the_token_and_keep_it_after_all_of_them_dropped()
    {
        var id = await fixture.CreateSessionAsync();
        var userId = Guid.NewGuid().ToString();
        var tab1 = await fixture.ConnectAsync("Ada", userId);
        var token = (await tab1.JoinAsync(id)).Str("userToken");
        var tab2 = await fixture.ConnectAsync("Ada", userId);
        Assert.Equal(token, (await tab2.JoinAsync(id)).Str("userToken"));

        await tab1.DisposeAsync();
        await tab2.DisposeAsync();
        await Eventually.HoldsAsync(
            async () => (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Int("userCount") == 0, "both tabs have left");

        // Both come back with the token they kept: the first takes the free id with it, the second is let in.
        await using var back1 = await fixture.ConnectAsync("Ada", userId);
        await using var back2 = await fixture.ConnectAsync("Ada", userId);
        Assert.Equal(token, (await back1.JoinAsync(id)).Str("userToken"));
        Assert.Equal(1, (await back2.JoinAsync(id)).Int("userCount"));
    }

    [Fact]
    public async Task Thirty_participants_against_twenty_five_the_last_five_are_told_the_session_is_full()
    {
        var id = await fixture.CreateSessionAsync();
        var participants = new List<TestParticipant>();
        try
        {
            for (var i = 0; i < 30; i++)
            {
                participants.Add(await fixture.ConnectAsync($"P{i}"));
            }

            for (var i = 0; i < 25; i++)
            {
                await participants[i].JoinAsync(id);
            }

            foreach (var late in participants[25..])
            {
                var full = await late.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = late.UserId, username = late.Username });
                Assert.Equal((ErrorCodes.SessionFull, "The session is full: it has its 25 participants"), (full.Str("code"), full.Str("message")));
            }

            Assert.Equal(25, (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Int("userCount"));
            Assert.DoesNotContain(participants[0].All(HubEvents.UserJoined), u => u.Str("username") is "P25" or "P29");

            // A present user's second tab still gets in; once someone leaves, one of the refused does.
            await using var secondTab = await fixture.ConnectAsync("P3", participants[3].UserId);
            Assert.Equal(25, (await secondTab.JoinAsync(id)).Int("userCount"));
            await participants[0].DisposeAsync();
            await participants[1].EventAsync(HubEvents.UserLeft, u => u.Str("userId") == participants[0].UserId);
            Assert.Equal(25, (await participants[29].JoinAsync(id)).Int("userCount"));
        }
        finally
        {
            foreach (var participant in participants)
            {
                await participant.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_join_refused_over_the_users_budget_leaves_no_ghost_that_stays_listed_or_fills_the_session()
    {
        // The attack: spend your own user's message budget with one tab, then join with another. The session
        // used to admit the tab before counting the join, then refuse it: the gateway forgot the tab, the
        // session kept it, so the user stayed listed after all their tabs had gone, taking a place for good.
        await using var gateway = await TestGateway.StartAsync("MAX_MESSAGES_PER_MINUTE=3", "MAX_PARTICIPANTS=2");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" })))).Str("sessionId");
        await using var alice = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Alice", Guid.NewGuid().ToString());
        await alice.JoinAsync(id);
        var malloryId = Guid.NewGuid().ToString();
        var tab1 = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Mallory", malloryId);
        var tab2 = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Mallory", malloryId);
        await tab1.JoinAsync(id);
        await tab1.ChangeCodeAsync(id, "one");
        await tab1.ChangeCodeAsync(id, "two");
        await alice.EventAsync(HubEvents.CodeUpdate, skip: 1);

        var refused = await tab2.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = malloryId, username = "Mallory", userToken = tab2.TokenIn(id) });
        Assert.Equal((ErrorCodes.RateLimitExceeded, "user"), (refused.Str("code"), refused.GetProperty("details").Str("per")));

        await tab1.DisposeAsync();
        await tab2.DisposeAsync();
        await alice.EventAsync(HubEvents.UserLeft, u => u.Str("userId") == malloryId);
        Assert.Equal(1, (await Json.ReadAsync(await http.GetAsync($"/api/sessions/{id}"))).Int("userCount"));
        await using var bob = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Bob", Guid.NewGuid().ToString());
        Assert.Equal(2, (await bob.JoinAsync(id)).Int("userCount"));
    }

    [Theory]
    [InlineData("\u202EecilA", "ecilA")]
    [InlineData("Al\u200Bice\u2066", "Alice")]
    [InlineData("Bob\u00A0\u00A0\u3000Smith", "Bob Smith")]
    public async Task Names_are_shown_as_typed_without_what_would_disguise_them(string typed, string shown)
    {
        var id = await fixture.CreateSessionAsync();
        await using var host = await fixture.ConnectAsync("Host");
        await host.JoinAsync(id);
        await using var guest = await fixture.ConnectAsync(typed);
        await guest.JoinAsync(id);

        Assert.Equal(shown, (await host.EventAsync(HubEvents.UserJoined)).Str("username"));
    }

    [Fact]
    public async Task A_blank_name_is_refused_and_a_second_alice_is_marked_apart()
    {
        var id = await fixture.CreateSessionAsync();
        await using var alice = await fixture.ConnectAsync("Alice");
        await alice.JoinAsync(id);
        await using var blank = await fixture.ConnectAsync("\u3164\u200B ");
        var refused = await blank.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = blank.UserId, username = blank.Username });
        Assert.Equal((ErrorCodes.InvalidPayload, "username"), (refused.Str("code"), refused.GetProperty("details").Str("field")));

        await using var second = await fixture.ConnectAsync("alice");
        await using var third = await fixture.ConnectAsync("\u200BAlice\u202E");
        var secondJoined = await second.JoinAsync(id);
        await third.JoinAsync(id);

        Assert.Equal(["Alice", "alice (2)"], secondJoined.GetProperty("users").EnumerateArray().Select(u => u.Str("username")));
        await alice.EventAsync(HubEvents.UserJoined, skip: 1);
        Assert.Equal(["alice (2)", "Alice (3)"], alice.All(HubEvents.UserJoined).Select(u => u.Str("username")));
    }

    // Every payload the participant received, its own session-joined (with its own token) included.
    private static IEnumerable<string> Everything(TestParticipant participant) => participant.Received.Select(e => e.Payload.GetRawText());
}
