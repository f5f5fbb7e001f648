using Interview.Shared.Text;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Grains.Tests.Interviews;

/// <summary>Who is an interviewer: the session's key, and nothing else (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(ClusterCollection.Name)]
public class RoleTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Cid = Guid.NewGuid().ToString();

    [Fact]
    public async Task The_sessions_key_makes_an_interviewer_and_everyone_is_told_the_roles()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);

        var interviewer = (await grain.Join(listener.Request("i", Ada, "Ada").AsInterviewer())).Joined!;
        var candidate = (await grain.Join(listener.Request("c", Cid, "Cid"))).Joined!;

        Assert.Equal((Roles.Interviewer, new NotesText("", 0)), (interviewer.Role, interviewer.Notes));
        Assert.Equal((Roles.Candidate, (NotesText?)null, (long?)null), (candidate.Role, candidate.Notes, candidate.NotesLastSeq));
        Assert.Equal([(Ada, Roles.Interviewer), (Cid, Roles.Candidate)], candidate.Users.Select(u => (u.Id, u.Role)));
        var joined = await listener.EventAsync<ParticipantJoined>(j => j.UserId == Cid);
        Assert.Equal(Roles.Candidate, joined.Role);
    }

    public static TheoryData<string, Func<string>> WrongKeys() => new()
    {
        { "another session's", InterviewerKeys.New },
        { "one character off", () => ClusterFixture.Key[..^1] + (ClusterFixture.Key[^1] == 'A' ? 'B' : 'A') },
        { "of the wrong shape", () => "not a key at all" },
        { "empty", () => string.Empty },
        { "the key's own hash", () => Convert.ToBase64String(InterviewerKeys.Hash(ClusterFixture.Key)) },
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task Any_other_key_is_forbidden_alike_and_joins_nothing(string what, Func<string> key)
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("c", Cid, "Cid"));

        var refused = await grain.Join(listener.Request("x", Ada, "Ada").AsInterviewer(key()));

        Assert.True(refused.Joined is null, what);
        Assert.Equal((ErrorCodes.Forbidden, "This interviewer key does not open this session"), (refused.Error!.Code, refused.Error.Message));
        Assert.Equal(1, (await grain.Describe()).Details!.UserCount);
        Assert.Equal(ErrorCodes.InvalidSession, (await grain.EndInterview("x"))!.Code); // it is in nothing
        Assert.DoesNotContain(listener.Events, e => e.Change is ParticipantJoined { UserId: var user } && user == Ada);
    }

    [Fact]
    public async Task A_wrong_key_on_a_candidates_own_connection_leaves_it_the_candidate_it_was()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("c", Cid, "Cid"));

        Assert.Equal(ErrorCodes.Forbidden, (await grain.Join(listener.Request("c", Cid, "Cid").AsInterviewer(InterviewerKeys.New()))).Error!.Code);

        var again = (await grain.Join(listener.Request("c", Cid, "Cid"))).Joined!;
        Assert.Equal((Roles.Candidate, (NotesText?)null), (again.Role, again.Notes));
    }

    [Fact]
    public async Task A_user_is_listed_as_interviewer_while_any_of_their_tabs_is_one()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("i1", Ada, "Ada").AsInterviewer());
        var secondTab = (await grain.Join(listener.Request("i2", Ada, "Ada"))).Joined!; // the share link in another tab

        Assert.Equal((Roles.Candidate, Roles.Interviewer), (secondTab.Role, Assert.Single(secondTab.Users).Role));
        Assert.Null(secondTab.Notes); // the connection is a candidate's: no notes on it

        await grain.Leave("i1");
        var peek = (await grain.Join(listener.Request("p", Cid, "Cid"))).Joined!;
        Assert.Equal(Roles.Candidate, peek.Users.Single(u => u.Id == Ada).Role);
    }

    [Fact]
    public async Task The_others_are_told_when_a_present_users_role_changes()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("c1", Cid, "Cid"));
        await grain.Join(listener.Request("ada", Ada, "Ada"));

        await grain.Join(listener.Request("c2", Cid, "Cid").AsInterviewer()); // the same user opens the interviewer link too
        var promoted = await listener.EventAsync<ParticipantUpdated>();
        Assert.Equal((Cid, "Cid", Roles.Interviewer), (promoted.UserId, promoted.Username, promoted.Role));
        Assert.Equal(["ada", "c1"], listener.Events.Single(e => e.Change is ParticipantUpdated).Recipients.Order());

        await grain.Leave("c2");
        await listener.EventAsync<ParticipantUpdated>(u => u.Role == Roles.Candidate);
        await grain.Join(listener.Request("ada", Ada, "Ada")); // a repeated join that changes no role tells nobody
        Assert.Equal(2, listener.Events.Count(e => e.Change is ParticipantUpdated));
    }

    [Fact]
    public async Task A_session_made_before_roles_has_no_interviewers()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);
        await grain.Create("javascript", []);
        await using var listener = await SessionListener.StartAsync(fixture, id);

        Assert.Equal(ErrorCodes.Forbidden, (await grain.Join(listener.Request("i", Ada).AsInterviewer())).Error!.Code);
        Assert.Equal(Roles.Candidate, (await grain.Join(listener.Request("c", Cid))).Joined!.Role);
    }
}
