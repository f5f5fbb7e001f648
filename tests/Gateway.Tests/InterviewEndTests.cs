using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>Activity and ending through the real hub (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(GatewayCollection.Name)]
public class InterviewEndTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Activity_reaches_interviewers_only_and_ending_makes_the_code_final_for_everyone()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        await using var interviewer = await fixture.ConnectAsync("Ines");
        await interviewer.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = interviewer.UserId, username = "Ines", interviewerKey = key });
        await interviewer.EventAsync(HubEvents.SessionJoined);
        await using var candidate = await fixture.ConnectAsync("Cora");
        await candidate.JoinAsync(id);

        await candidate.Connection.InvokeAsync(HubMethods.Activity, new { sessionId = id, kind = "paste", chars = 120, lines = 4 });
        var paste = await interviewer.EventAsync(HubEvents.ActivityUpdate);
        Assert.Equal(["at", "chars", "kind", "lines", "userId", "username"], Json.Keys(paste));
        Assert.Equal((candidate.UserId, "Cora", "paste", 120, 4), (paste.Str("userId"), paste.Str("username"), paste.Str("kind"), paste.Int("chars"), paste.Int("lines")));
        var unknown = await candidate.ErrorFromAsync(HubMethods.Activity, new { sessionId = id, kind = "copy" });
        Assert.Equal((ErrorCodes.InvalidPayload, "kind"), (unknown.Str("code"), unknown.GetProperty("details").Str("field")));
        var fromInterviewer = await interviewer.ErrorFromAsync(HubMethods.Activity, new { sessionId = id, kind = "blur" });
        Assert.Equal(ErrorCodes.Forbidden, fromInterviewer.Str("code"));

        await interviewer.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
        var ended = await candidate.EventAsync(HubEvents.SessionEnded);
        Assert.Equal(["endedAt", "userId", "username"], Json.Keys(ended));
        Assert.Equal(interviewer.UserId, (await interviewer.EventAsync(HubEvents.SessionEnded)).Str("userId"));
        var change = await candidate.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = "late", language = "javascript", userId = candidate.UserId });
        Assert.Equal(ErrorCodes.SessionEnded, change.Str("code"));
        var again = await interviewer.ErrorFromAsync(HubMethods.EndSession, new { sessionId = id });
        Assert.Equal(ErrorCodes.SessionEnded, again.Str("code"));
        Assert.Empty(candidate.All(HubEvents.ActivityUpdate));
        Assert.Equal(1, interviewer.Count(HubEvents.ActivityUpdate));
    }
}
