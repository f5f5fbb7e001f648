using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>The interviewer key through the real hub (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(GatewayCollection.Name)]
public class InterviewerRoleTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_key_makes_an_interviewer_and_any_other_key_is_forbidden_leaving_the_connection_usable()
    {
        var created = await Json.ReadAsync(await fixture.Http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" })));
        var id = created.Str("sessionId");
        var key = created.Str("interviewerKey");
        Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
        Assert.Equal($"{created.Str("shareUrl")}#interviewer={key}", created.Str("interviewerUrl"));
        var other = await Json.ReadAsync(await fixture.Http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" })));

        await using var interviewer = await fixture.ConnectAsync("Ines");
        await interviewer.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = interviewer.UserId, username = "Ines", interviewerKey = key });
        var joined = await interviewer.EventAsync(HubEvents.SessionJoined);
        Assert.Equal(Roles.Interviewer, joined.Str("role"));
        Assert.Equal(string.Empty, joined.GetProperty("notes").Str("text"));

        await using var candidate = await fixture.ConnectAsync("Cora");
        var forbidden = new List<string>();
        foreach (var wrong in new[] { key[..42] + (key[42] == 'A' ? 'B' : 'A'), "short", other.Str("interviewerKey"), "" })
        {
            var refused = await candidate.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = candidate.UserId, username = "Cora", interviewerKey = wrong });
            Assert.Equal(ErrorCodes.Forbidden, refused.Str("code"));
            forbidden.Add(refused.Str("message"));
        }

        Assert.Single(forbidden.Distinct());
        var mistyped = await candidate.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = candidate.UserId, interviewerKey = 42 });
        Assert.Equal((ErrorCodes.InvalidPayload, "interviewerKey"), (mistyped.Str("code"), mistyped.GetProperty("details").Str("field")));
        Assert.Equal(0, candidate.Count(HubEvents.SessionJoined));

        var asCandidate = await candidate.JoinAsync(id);
        Assert.Equal(Roles.Candidate, asCandidate.Str("role"));
        Assert.False(asCandidate.TryGetProperty("notes", out _));
        Assert.Equal(Roles.Candidate, (await interviewer.EventAsync(HubEvents.UserJoined)).Str("role"));
        await candidate.ChangeCodeAsync(id, "typed after refusals");
        Assert.Equal("typed after refusals", (await interviewer.EventAsync(HubEvents.CodeUpdate)).Str("code"));

        var notes = await candidate.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "c1", seq = 1, revision = 0, operation = new object[] { "x" }, document = "notes" });
        Assert.Equal(ErrorCodes.Forbidden, notes.Str("code"));
        var end = await candidate.ErrorFromAsync(HubMethods.EndSession, new { sessionId = id });
        Assert.Equal(ErrorCodes.Forbidden, end.Str("code"));
    }
}
