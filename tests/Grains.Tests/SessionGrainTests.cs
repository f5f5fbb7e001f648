using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class SessionGrainTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Bob = Guid.NewGuid().ToString();

    [Fact]
    public async Task Create_starts_from_the_languages_template_and_is_described()
    {
        var before = ClusterFixture.Clock.GetUtcNow();
        var (grain, id) = await fixture.CreateSessionAsync(Languages.Python);

        var lookup = await grain.Describe();

        Assert.Equal(SessionStatus.Active, lookup.Status);
        Assert.Equal(new SessionDetails(id.ToString(), before, before, "python", 0), lookup.Details);
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var joined = (await grain.Join(listener.Request("c1", Ada))).Joined!;
        Assert.Equal(Languages.Template("python"), joined.CurrentCode);
    }

    [Fact]
    public async Task Create_refuses_an_unknown_language_and_an_id_in_use()
    {
        var (grain, _) = await fixture.CreateSessionAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Create("javascript", InterviewerKeys.Hash(ClusterFixture.Key)));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).Create("ruby", InterviewerKeys.Hash(ClusterFixture.Key)));
    }

    [Fact]
    public async Task An_unknown_session_is_not_found_and_refuses_joins()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);
        await using var listener = await SessionListener.StartAsync(fixture, id);

        Assert.Equal(SessionStatus.NotFound, (await grain.Describe()).Status);
        var result = await grain.Join(listener.Request("c1", Ada));
        Assert.Null(result.Joined);
        Assert.Equal(ErrorCodes.SessionNotFound, result.Error!.Code);
        Assert.Equal(ErrorCodes.SessionNotFound, (await grain.ChangeCode("c1", "x"))!.Code);
    }

    [Fact]
    public async Task Join_lists_users_with_colors_and_tells_the_others()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);

        var first = (await grain.Join(listener.Request("c1", Ada, "Ada"))).Joined!;
        var second = (await grain.Join(listener.Request("c2", Bob, "Bob"))).Joined!;

        Assert.Equal(id.ToString(), first.SessionId);
        Assert.Equal(1, first.UserCount);
        Assert.Equal(0, first.Revision);
        Assert.Equal(2, second.UserCount);
        Assert.Equal(["Ada", "Bob"], second.Users.Select(u => u.Username));
        Assert.Equal(2, second.Users.Select(u => u.Color).Distinct().Count());
        var bobJoined = await listener.EventAsync<ParticipantJoined>(e => e.UserId == Bob);
        Assert.Equal(new ParticipantJoined(Bob, "Bob", 2, second.Users[1].Color), bobJoined);
        Assert.Equal(["c1"], listener.Events.First(e => e.Change == (object)bobJoined).Recipients); // not the newcomer
        Assert.Equal(2, (await grain.Describe()).Details!.UserCount);
    }

    [Fact]
    public async Task Two_tabs_of_one_user_are_one_user()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("bob", Bob, "Bob"));
        await grain.Join(listener.Request("a", Ada));

        var secondTab = (await grain.Join(listener.Request("b", Ada))).Joined!;
        Assert.Equal(2, secondTab.UserCount);

        await grain.Leave("a");
        Assert.Equal(2, (await grain.Describe()).Details!.UserCount);
        await grain.Leave("b");
        var left = await listener.EventAsync<ParticipantLeft>();

        Assert.Equal(new ParticipantLeft(Ada, 1), left);
        Assert.Equal(["bob"], listener.Events.Single(e => e.Change is ParticipantLeft).Recipients);
        Assert.Single(listener.Events, e => e.Change is ParticipantJoined); // Ada's arrival, told once, to Bob
        Assert.Single(listener.Events, e => e.Change is ParticipantLeft);
    }

    [Fact]
    public async Task Leave_tells_the_others_and_an_unknown_connection_changes_nothing()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.Join(listener.Request("b", Bob));

        await grain.Leave("nobody");
        await grain.Leave("b");

        Assert.Equal(new ParticipantLeft(Bob, 1), await listener.EventAsync<ParticipantLeft>());
        Assert.Equal(1, (await grain.Describe()).Details!.UserCount);
    }

    [Fact]
    public async Task Code_changes_reach_every_gateway_except_for_the_sender_and_advance_the_revision()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.Join(listener.Request("b", Bob));
        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(await grain.ChangeCode("a", "let x = 1;"));
        Assert.Null(await grain.ChangeCode("b", "let x = 2;"));

        var first = await listener.CodeUpdateAsync(1);
        Assert.Equal(("let x = 1;", Ada, ClusterFixture.Clock.GetUtcNow().ToUnixTimeMilliseconds()), (first.Code, first.UserId, first.Timestamp));
        Assert.Equal("a", listener.CodeUpdates.First(u => u.Update.Revision == 1).Except);
        Assert.Equal(("let x = 2;", Bob), ((await listener.CodeUpdateAsync(2)).Code, (await listener.CodeUpdateAsync(2)).UserId));
        var late = (await grain.Join(listener.Request("c", Guid.NewGuid().ToString()))).Joined!;
        Assert.Equal(("let x = 2;", 2L), (late.CurrentCode, late.Revision));
        Assert.Equal(ClusterFixture.Clock.GetUtcNow(), (await grain.Describe()).Details!.LastActivity);
    }

    [Fact]
    public async Task An_unchanged_text_is_not_broadcast()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var joined = (await grain.Join(listener.Request("a", Ada))).Joined!;

        Assert.Null(await grain.ChangeCode("a", joined.CurrentCode));
        Assert.Null(await grain.ChangeCode("a", "changed"));

        await listener.CodeUpdateAsync(1);
        Assert.Single(listener.CodeUpdates);
    }

    [Fact]
    public async Task Oversize_code_is_refused_and_the_stored_code_stays()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.ChangeCode("a", "kept");

        var error = await grain.ChangeCode("a", new string('x', Limits.MaxCodeBytes + 1));

        Assert.Equal(ErrorCodes.InvalidPayload, error!.Code);
        Assert.Equal("code", error.Details!["field"]);
        Assert.Equal("kept", (await grain.Join(listener.Request("b", Bob))).Joined!.CurrentCode);
        Assert.Null(await grain.ChangeCode("a", new string('x', Limits.MaxCodeBytes)));
    }

    [Fact]
    public async Task Changes_from_a_connection_that_has_not_joined_are_refused()
    {
        var (grain, _) = await fixture.CreateSessionAsync();

        Assert.Equal(ErrorCodes.InvalidSession, (await grain.ChangeCode("stranger", "x"))!.Code);
        Assert.Equal(ErrorCodes.InvalidSession, (await grain.ChangeLanguage("stranger", "python"))!.Code);
    }

    [Fact]
    public async Task Language_change_turns_an_untouched_template_into_the_new_languages_template()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));

        Assert.Null(await grain.ChangeLanguage("a", Languages.Python));

        Assert.Equal(new LanguageChanged("python", Ada), await listener.EventAsync<LanguageChanged>());
        var update = await listener.CodeUpdateAsync(1);
        Assert.Equal(Languages.Template("python"), update.Code);
        Assert.Null(listener.CodeUpdates.Single().Except); // the sender's editor needs the new template too
        Assert.Equal("python", (await grain.Describe()).Details!.Language);
    }

    [Fact]
    public async Task Language_change_never_destroys_edited_code()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.ChangeCode("a", "console.log('mine');");

        await grain.ChangeLanguage("a", Languages.Python);
        await grain.ChangeLanguage("a", Languages.Python); // same language again: nothing to do

        await listener.EventAsync<LanguageChanged>();
        var joined = (await grain.Join(listener.Request("b", Bob))).Joined!;
        Assert.Equal(("console.log('mine');", "python", 1L), (joined.CurrentCode, joined.Language, joined.Revision));
        Assert.Single(listener.Events, e => e.Change is LanguageChanged);
    }

    [Fact]
    public async Task Unknown_language_is_refused_and_nothing_changes()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));

        var error = await grain.ChangeLanguage("a", "ruby");

        Assert.Equal((ErrorCodes.InvalidPayload, "language"), (error!.Code, error.Details!["field"]));
        Assert.Equal("javascript", (await grain.Describe()).Details!.Language);
    }

    [Fact]
    public async Task Renewing_a_gateway_says_whether_the_session_holds_its_connections()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);

        Assert.False(await grain.RenewGateway(listener.Reference, 1));
        await grain.Join(listener.Request("a", Ada));
        Assert.True(await grain.RenewGateway(listener.Reference, 1));
        Assert.False(await grain.RenewGateway(listener.Reference, 2)); // the gateway holds a connection the session does not know: it must join again
        await grain.Leave("a");
        Assert.False(await grain.RenewGateway(listener.Reference, 0));
    }
}
