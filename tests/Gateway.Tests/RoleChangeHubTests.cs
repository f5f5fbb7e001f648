using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>A role changing on a present user, and a wrong key for another session (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(GatewayCollection.Name)]
public class RoleChangeHubTests(GatewayFixture fixture)
{
    private async Task<(string Id, string Key)> CreateAsync()
    {
        var created = await Json.ReadAsync(await fixture.Http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" })));
        return (created.Str("sessionId"), created.Str("interviewerKey"));
    }

    [Fact]
    public async Task A_wrong_key_for_another_session_leaves_the_connection_where_it_was()
    {
        var (first, firstKey) = await CreateAsync();
        var (second, _) = await CreateAsync();
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
        var (id, key) = await CreateAsync();
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
}
