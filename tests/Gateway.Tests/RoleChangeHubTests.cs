using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>A role changing on a present user, and a wrong key for another session (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(GatewayCollection.Name)]
public class RoleChangeHubTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_wrong_key_for_another_session_leaves_the_connection_where_it_was()
    {
        var (first, firstKey) = await fixture.CreateInterviewAsync();
        var (second, _) = await fixture.CreateInterviewAsync();
        await using var ines = await fixture.ConnectAsync("Ines");
        await ines.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = first, userId = ines.UserId, username = "Ines", interviewerKey = firstKey });
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(first);

        var refused = await ines.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = second, userId = ines.UserId, username = "Ines", interviewerKey = firstKey });

        Assert.Equal(ErrorCodes.Forbidden, refused.Str("code"));
        await ines.ChangeCodeAsync(first, "still in the first");
        Assert.Equal("still in the first", (await cora.EventAsync(HubEvents.CodeUpdate)).Str("code"));
        Assert.Empty(cora.All(HubEvents.UserLeft));
        Assert.Equal(0, (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{second}"))).Int("userCount"));
    }

    [Fact]
    public async Task The_others_hear_user_updated_when_a_present_users_tab_opens_the_interviewer_link()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);
        await using var ada = await fixture.ConnectAsync("Ada");
        var adaJoined = await ada.JoinAsync(id);
        Assert.Equal("candidate", adaJoined.GetProperty("users").EnumerateArray().Single(u => u.Str("id") == ada.UserId).Str("role"));

        await ada.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, username = "Ada", interviewerKey = key });

        var updated = await cora.EventAsync(HubEvents.UserUpdated);
        Assert.Equal(["color", "role", "userId", "username"], Json.Keys(updated));
        Assert.Equal((ada.UserId, "interviewer"), (updated.Str("userId"), updated.Str("role")));
    }

    [Fact]
    public async Task Extreme_keys_and_notes_revisions_are_refused_plainly_and_the_connection_types_on()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        await using var eve = await fixture.ConnectAsync("Eve");

        var huge = await eve.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = eve.UserId, interviewerKey = new string('k', 500_000) });
        Assert.Equal(ErrorCodes.Forbidden, huge.Str("code"));
        var negative = await eve.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = eve.UserId, protocol = "ot", interviewerKey = key, notesRevision = -1 });
        Assert.Equal((ErrorCodes.InvalidPayload, "notesRevision"), (negative.Str("code"), negative.GetProperty("details").Str("field")));

        // A revision far past the notes' head: the answer leaves the catch-up out, as for the code.
        await eve.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = eve.UserId, protocol = "ot", interviewerKey = key, notesRevision = long.MaxValue });
        var joined = await eve.EventAsync(HubEvents.SessionJoined);
        Assert.Equal("interviewer", joined.Str("role"));
        Assert.False(joined.TryGetProperty("notesOperations", out _));
        await eve.ChangeCodeAsync(id, "still typing");
        await using var cora = await fixture.ConnectAsync("Cora");
        Assert.Equal("still typing", (await cora.JoinAsync(id)).Str("currentCode"));
    }
}
