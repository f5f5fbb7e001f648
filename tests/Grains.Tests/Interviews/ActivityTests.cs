using Interview.Shared.Text;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Grains.Tests.Interviews;

/// <summary>A candidate's pastes and focus changes, told to the interviewers only (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(ClusterCollection.Name)]
public class ActivityTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Cid = Guid.NewGuid().ToString();

    private async Task<(ISessionGrain Grain, SessionListener Listener)> InterviewAsync()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada").AsInterviewer());
        await grain.Join(listener.Request("cid", Cid, "Cid"));
        await grain.Join(listener.Request("cid2", Guid.NewGuid().ToString(), "Dee"));
        return (grain, listener);
    }

    [Fact]
    public async Task A_candidates_paste_reaches_the_interviewers_only()
    {
        var (grain, listener) = await InterviewAsync();
        await using var _ = listener;

        Assert.Null(await grain.ReportActivity("cid", new CandidateActivity(ActivityKinds.Paste, Chars: 120, Lines: 4)));
        Assert.Null(await grain.ReportActivity("cid", new CandidateActivity(ActivityKinds.Focus, AwayMs: 12_000)));

        var paste = await listener.EventAsync<ActivityReported>();
        Assert.Equal((Cid, "Cid", new CandidateActivity("paste", 120, 4), ClusterFixture.Clock.GetUtcNow()), (paste.UserId, paste.Username, paste.Activity, paste.At));
        await listener.EventAsync<ActivityReported>(a => a.Activity.Kind == ActivityKinds.Focus);
        Assert.All(listener.Events.Where(e => e.Change is ActivityReported), e => Assert.Equal(["ada"], e.Recipients));
    }

    public static TheoryData<CandidateActivity, string> BadReports() => new()
    {
        { new CandidateActivity("copy"), "kind" },
        { new CandidateActivity(""), "kind" },
        { new CandidateActivity(ActivityKinds.Paste, Lines: 1), "chars" },
        { new CandidateActivity(ActivityKinds.Paste, Chars: -1, Lines: 1), "chars" },
        { new CandidateActivity(ActivityKinds.Paste, Chars: 1, Lines: ActivityKinds.MaxPasteSize + 1), "lines" },
        { new CandidateActivity(ActivityKinds.Focus), "awayMs" },
        { new CandidateActivity(ActivityKinds.Focus, AwayMs: long.MaxValue), "awayMs" },
        { new CandidateActivity(ActivityKinds.Blur, Chars: 3), "chars" },
        { new CandidateActivity(ActivityKinds.Blur, AwayMs: 3), "awayMs" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task A_bad_report_is_refused_naming_its_field_and_tells_nobody(CandidateActivity activity, string field)
    {
        var (grain, listener) = await InterviewAsync();
        await using var _ = listener;

        var refused = await grain.ReportActivity("cid", activity);

        Assert.Equal((ErrorCodes.InvalidPayload, field), (refused!.Code, refused.Details!["field"]));
        Assert.Null(await grain.ReportActivity("cid", new CandidateActivity(ActivityKinds.Blur))); // still usable
        await listener.EventAsync<ActivityReported>();
        Assert.Single(listener.Events, e => e.Change is ActivityReported);
    }

    [Fact]
    public async Task An_interviewers_report_is_forbidden()
    {
        var (grain, listener) = await InterviewAsync();
        await using var _ = listener;

        Assert.Equal(ErrorCodes.Forbidden, (await grain.ReportActivity("ada", new CandidateActivity(ActivityKinds.Blur)))!.Code);
    }

    [Fact]
    public async Task A_flood_of_reports_is_refused_past_the_budget_and_never_relayed()
    {
        var (grain, listener) = await InterviewAsync();
        await using var _ = listener;
        var budget = 100 - 1; // MAX_MESSAGES_PER_MINUTE, of which the join took one

        var answers = new List<ErrorPayload?>();
        for (var i = 0; i < budget + 20; i++)
        {
            answers.Add(await grain.ReportActivity("cid", new CandidateActivity(ActivityKinds.Blur)));
        }

        Assert.All(answers.Take(budget), Assert.Null);
        Assert.All(answers.Skip(budget), a => Assert.Equal(ErrorCodes.RateLimitExceeded, a!.Code));
        await Eventually.HoldsAsync(() => listener.Events.Count(e => e.Change is ActivityReported) == budget, "every accepted report is relayed");
        Assert.Equal(budget, listener.Events.Count(e => e.Change is ActivityReported));
    }
}
