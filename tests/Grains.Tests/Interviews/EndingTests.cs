using Interview.Shared.Text;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;

namespace Interview.Grains.Tests.Interviews;

/// <summary>An interviewer ends the interview: the code and the language are final (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(ClusterCollection.Name)]
public class EndingTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Cid = Guid.NewGuid().ToString();

    [Fact]
    public async Task Ending_tells_everyone_and_makes_the_code_and_language_final()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer());
        var code = (await grain.Join(listener.Request("cid", Cid, "Cid", ot: true))).Joined!.CurrentCode;

        Assert.Null(await grain.EndInterview("ada"));

        var ended = await listener.EventAsync<InterviewEnded>();
        Assert.Equal((Ada, "Ada", ClusterFixture.Clock.GetUtcNow()), (ended.UserId, ended.Username, ended.At));
        Assert.Equal(["ada", "cid"], listener.Events.Single(e => e.Change is InterviewEnded).Recipients.Order());
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.SubmitOperation("cid", new Submission("tab-c", 1, 0, Interviewers.Insert("x", 0, code.Length)))).Error!.Code);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.SubmitOperation("ada", new Submission("tab-a", 1, 0, Interviewers.Insert("x", 0, code.Length)))).Error!.Code);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.ChangeCode("cid", "changed"))!.Code);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.ChangeLanguage("ada", "python"))!.Code);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.EndInterview("ada"))!.Code);

        // Notes go on; joins answer with the final code and the end.
        Assert.Equal(1, (await grain.SubmitOperation("ada", new Submission("tab-a", 2, 0, Interviewers.Insert("hire", 0, 0), Documents.Notes))).Revision);
        var late = (await grain.Join(listener.Request("late", Guid.NewGuid().ToString(), "Late"))).Joined!;
        Assert.Equal((code, "javascript", 0L, ended.At), (late.CurrentCode, late.Language, late.Revision, late.EndedAt!.Value));
        Assert.Equal(ended.At, (await grain.Describe()).Details!.EndedAt);
    }

    [Fact]
    public async Task An_edit_made_before_the_end_and_sent_again_after_it_gets_its_answer()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer());
        var code = (await grain.Join(listener.Request("cid", Cid, "Cid", ot: true))).Joined!.CurrentCode;
        var edit = new Submission("tab-c", 1, 0, Interviewers.Insert("last words", 0, code.Length));
        Assert.Equal(1, (await grain.SubmitOperation("cid", edit)).Revision);
        await grain.EndInterview("ada");

        Assert.Equal(new SubmitOutcome(1), await grain.SubmitOperation("cid", edit)); // its answer was lost: the resend is told it is in
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.SubmitOperation("cid", edit with { Seq = 2, Revision = 1 })).Error!.Code);
    }

    [Fact]
    public async Task A_candidate_cannot_end_the_interview()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("cid", Cid, "Cid"));

        var refused = await grain.EndInterview("cid");

        Assert.Equal((ErrorCodes.Forbidden, "Only interviewers may end the interview"), (refused!.Code, refused.Message));
        Assert.Null((await grain.Describe()).Details!.EndedAt);
        Assert.Null(await grain.ChangeCode("cid", "still mine"));
    }

    [Fact]
    public async Task The_end_survives_a_new_activation()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada").AsInterviewer());
        await grain.EndInterview("ada");
        await grain.Leave("ada");

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var back = (await grain.Join(listener.Request("cid", Cid, "Cid"))).Joined!;
        Assert.Equal(ClusterFixture.Clock.GetUtcNow(), back.EndedAt);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.ChangeCode("cid", "after"))!.Code);
    }
}
