using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>The integration scenarios 1 to 5 of the original brief, through REST and the hub.</summary>
[Collection(GatewayCollection.Name)]
public class SessionScenarioTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Scenario1_create_join_and_sync_code()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");

        var adaJoined = await ada.JoinAsync(id);
        Assert.Equal(["currentCode", "expiresAt", "input", "language", "revision", "role", "sessionId", "userCount", "userToken", "users"], Json.Keys(adaJoined));
        Assert.True(UserTokens.IsWellFormed(adaJoined.Str("userToken")));
        Assert.Equal(
            DateTimeOffset.Parse((await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Str("createdAt"), System.Globalization.CultureInfo.InvariantCulture).AddHours(4),
            DateTimeOffset.Parse(adaJoined.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture)); // MAX_SESSION_DURATION after creation
        Assert.Equal((id, Languages.Template("javascript"), "javascript", 1), (adaJoined.Str("sessionId"), adaJoined.Str("currentCode"), adaJoined.Str("language"), adaJoined.Int("userCount")));
        var adaEntry = adaJoined.GetProperty("users")[0];
        Assert.Equal(["color", "id", "role", "username"], Json.Keys(adaEntry));
        Assert.Equal((ada.UserId, "Ada"), (adaEntry.Str("id"), adaEntry.Str("username")));

        var bobJoined = await bob.JoinAsync(id);
        Assert.Equal(2, bobJoined.Int("userCount"));
        Assert.NotEqual(adaJoined.Str("userToken"), bobJoined.Str("userToken"));
        Assert.Equal(["Ada", "Bob"], bobJoined.GetProperty("users").EnumerateArray().Select(u => u.Str("username")));
        var joinedEvent = await ada.EventAsync(HubEvents.UserJoined);
        Assert.Equal(["color", "role", "userCount", "userId", "username"], Json.Keys(joinedEvent));
        Assert.Equal((bob.UserId, "Bob", 2), (joinedEvent.Str("userId"), joinedEvent.Str("username"), joinedEvent.Int("userCount")));
        Assert.Equal(0, bob.Count(HubEvents.UserJoined)); // nobody is told of their own arrival
        Assert.Equal(2, (await bob.JoinAsync(id)).Int("userCount")); // a repeated join is answered, not announced

        await ada.ChangeCodeAsync(id, "console.log('hi');");

        var update = await bob.EventAsync(HubEvents.CodeUpdate);
        Assert.Equal(["code", "revision", "timestamp", "userId"], Json.Keys(update));
        Assert.Equal(("console.log('hi');", ada.UserId), (update.Str("code"), update.Str("userId")));
        Assert.InRange(update.GetProperty("timestamp").GetInt64(), fixture.Clock.GetUtcNow().AddSeconds(-5).ToUnixTimeMilliseconds(), fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        await bob.ChangeCodeAsync(id, "console.log('back');");
        await ada.EventAsync(HubEvents.CodeUpdate);
        Assert.DoesNotContain(ada.All(HubEvents.CodeUpdate), u => u.Str("userId") == ada.UserId); // never echoed to the sender
        Assert.Single(ada.All(HubEvents.UserJoined));
    }

    [Fact]
    public async Task Scenario2_several_users_editing_at_once_converge_on_the_last_change()
    {
        var id = await fixture.CreateSessionAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => fixture.ConnectAsync($"User{i}")));
        foreach (var user in users)
        {
            await user.JoinAsync(id);
        }

        await Task.WhenAll(users.Select(async (user, u) =>
        {
            for (var edit = 0; edit < 5; edit++)
            {
                await user.ChangeCodeAsync(id, $"// user {u} edit {edit}");
            }
        }));

        // 20 distinct texts, 20 revisions; each user hears the 15 that were not theirs, never their own.
        foreach (var user in users)
        {
            await Eventually.HoldsAsync(() => user.Count(HubEvents.CodeUpdate) == 15, $"{user.Username} hears every other edit");
            Assert.DoesNotContain(user.All(HubEvents.CodeUpdate), u => u.Str("userId") == user.UserId);
        }

        await using var late = await fixture.ConnectAsync("Late");
        var joined = await late.JoinAsync(id);
        Assert.Equal(20, joined.Int("revision"));
        var last = users.SelectMany(u => u.All(HubEvents.CodeUpdate)).MaxBy(u => u.Int("revision"));
        Assert.Equal(last.Str("code"), joined.Str("currentCode"));
        Assert.Equal(5, joined.Int("userCount"));
        foreach (var user in users)
        {
            await user.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scenario3_language_switch_with_users_present()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        await bob.ChangeLanguageAsync(id, "python");

        foreach (var user in new[] { ada, bob })
        {
            var update = await user.EventAsync(HubEvents.LanguageUpdate);
            Assert.Equal(["language", "userId"], Json.Keys(update));
            Assert.Equal(("python", bob.UserId), (update.Str("language"), update.Str("userId")));
            // The untouched JavaScript template became Python's, for everyone including Bob.
            Assert.Equal(Languages.Template("python"), (await user.EventAsync(HubEvents.CodeUpdate)).Str("code"));
        }

        await ada.ChangeCodeAsync(id, "print('mine')", "python");
        await ada.ChangeLanguageAsync(id, "javascript");
        await bob.EventAsync(HubEvents.LanguageUpdate, u => u.Str("language") == "javascript");

        var check = await fixture.Http.GetAsync($"/api/sessions/{id}");
        Assert.Equal("javascript", (await Json.ReadAsync(check)).Str("language"));
        await using var carol = await fixture.ConnectAsync("Carol");
        Assert.Equal("print('mine')", (await carol.JoinAsync(id)).Str("currentCode")); // edited code is never replaced
    }

    [Fact]
    public async Task Scenario4_disconnect_and_reconnect()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        await bob.Connection.StopAsync();

        var left = await ada.EventAsync(HubEvents.UserLeft);
        Assert.Equal(["userCount", "userId"], Json.Keys(left));
        Assert.Equal((bob.UserId, 1), (left.Str("userId"), left.Int("userCount")));
        await ada.ChangeCodeAsync(id, "typed while Bob was away");

        await using var bobAgain = await fixture.ConnectAsync("Bob", bob.UserId);
        var rejoined = await bobAgain.JoinAsync(id);

        Assert.Equal("typed while Bob was away", rejoined.Str("currentCode"));
        Assert.Equal(2, rejoined.Int("userCount"));
        await ada.EventAsync(HubEvents.UserJoined, u => u.Str("userId") == bob.UserId && u.Int("userCount") == 2, skip: 1);
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Scenario4_two_tabs_of_one_user_are_one_user()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.JoinAsync(id);
        var bobUser = Guid.NewGuid().ToString();
        var tab1 = await fixture.ConnectAsync("Bob", bobUser);
        var tab2 = await fixture.ConnectAsync("Bob", bobUser);

        await tab1.JoinAsync(id);
        Assert.Equal(2, (await tab2.JoinAsync(id)).Int("userCount"));
        await tab1.ChangeCodeAsync(id, "from tab 1");
        Assert.Equal("from tab 1", (await tab2.EventAsync(HubEvents.CodeUpdate)).Str("code")); // the other tab hears it

        await ada.EventAsync(HubEvents.UserJoined, u => u.Str("userId") == bobUser);

        await tab1.DisposeAsync();
        await ada.ChangeCodeAsync(id, "ping");
        await tab2.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "ping"); // the remaining tab is still in
        await tab2.DisposeAsync();

        Assert.Equal(1, (await ada.EventAsync(HubEvents.UserLeft)).Int("userCount"));
        await using var carol = await fixture.ConnectAsync("Carol");
        await carol.JoinAsync(id);
        await ada.EventAsync(HubEvents.UserJoined, u => u.Str("userId") == carol.UserId); // events arrive in order
        Assert.Single(ada.All(HubEvents.UserLeft));
        Assert.Single(ada.All(HubEvents.UserJoined), u => u.Str("userId") == bobUser);
    }

    [Fact]
    public async Task Scenario5_an_idle_session_expires_and_refuses_joins()
    {
        var id = await fixture.CreateSessionAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        await using var ada = await fixture.ConnectAsync("Ada");

        var error = await ada.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId });

        Assert.Equal(["code", "details", "message"], Json.Keys(error));
        Assert.Equal("SESSION_EXPIRED", error.Str("code"));
        Assert.Equal(0, ada.Count(HubEvents.SessionJoined));
    }

    [Fact]
    public async Task Scenario5_users_present_are_told_when_the_session_reaches_its_maximum_duration()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        fixture.Clock.Advance(TimeSpan.FromHours(4));

        Assert.Equal("SESSION_EXPIRED", (await ada.EventAsync(HubEvents.Error)).Str("code"));
        Assert.Equal("SESSION_EXPIRED", (await bob.EventAsync(HubEvents.Error)).Str("code"));
        var refused = await ada.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = "x", language = "javascript", userId = ada.UserId });
        Assert.Equal("SESSION_EXPIRED", refused.Str("code"));
        var rejoin = await bob.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = bob.UserId });
        Assert.Equal("SESSION_EXPIRED", rejoin.Str("code"));
        Assert.Equal("SESSION_EXPIRED", (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Str("code"));
    }
}
