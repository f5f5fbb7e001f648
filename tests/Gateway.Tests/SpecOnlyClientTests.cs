using System.Text.Json;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// A client that knows nothing but the full-text protocol (docs/protocol.md, "Full-text editing"): it emits join-session, code-change and language-change
/// fire-and-forget (as socket.emit does), with that protocol's fields only, and reads only its fields.
/// </summary>
[Collection(GatewayCollection.Name)]
public class SpecOnlyClientTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_SPEC_only_client_creates_joins_edits_switches_language_and_leaves()
    {
        var create = await fixture.Http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"javascript"}"""));
        var sessionId = (await Json.ReadAsync(create)).Str("sessionId");
        var (interviewer, interviewerEvents) = await ConnectAsync();
        var (candidate, candidateEvents) = await ConnectAsync();
        var interviewerId = Guid.NewGuid().ToString();
        var candidateId = Guid.NewGuid().ToString();

        await interviewer.SendAsync("join-session", new { sessionId, userId = interviewerId, username = "Interviewer" });
        var joined = await NextAsync(interviewerEvents, "session-joined");
        Assert.Equal(sessionId, joined.Str("sessionId"));
        Assert.Equal("javascript", joined.Str("language"));
        Assert.StartsWith("// Write your JavaScript code here", joined.Str("currentCode"), StringComparison.Ordinal);
        Assert.Equal(1, joined.Int("userCount"));
        Assert.Equal(interviewerId, joined.GetProperty("users")[0].Str("id"));

        await candidate.SendAsync("join-session", new { sessionId, userId = candidateId }); // username is optional
        Assert.Equal(2, (await NextAsync(candidateEvents, "session-joined")).Int("userCount"));
        var arrived = await NextAsync(interviewerEvents, "user-joined");
        Assert.Equal((candidateId, 2), (arrived.Str("userId"), arrived.Int("userCount")));
        Assert.False(string.IsNullOrEmpty(arrived.Str("username")));

        await candidate.SendAsync("code-change", new { sessionId, code = "function add(a, b) { return a + b; }", language = "javascript", userId = candidateId });
        var update = await NextAsync(interviewerEvents, "code-update");
        Assert.Equal(("function add(a, b) { return a + b; }", candidateId), (update.Str("code"), update.Str("userId")));
        Assert.True(update.GetProperty("timestamp").GetInt64() > 0);

        await interviewer.SendAsync("language-change", new { sessionId, language = "python", userId = interviewerId });
        foreach (var events in new[] { interviewerEvents, candidateEvents })
        {
            var language = await NextAsync(events, "language-update");
            Assert.Equal(("python", interviewerId), (language.Str("language"), language.Str("userId")));
        }

        await candidate.SendAsync("join-session", new { sessionId = "nope", userId = candidateId });
        var error = await NextAsync(candidateEvents, "error");
        Assert.Equal("INVALID_SESSION", error.Str("code"));
        Assert.NotEmpty(error.Str("message"));

        await candidate.StopAsync();
        var left = await NextAsync(interviewerEvents, "user-left");
        Assert.Equal((candidateId, 1), (left.Str("userId"), left.Int("userCount")));
        await interviewer.DisposeAsync();
        await candidate.DisposeAsync();
    }

    private async Task<(HubConnection, List<(string, JsonElement)>)> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.BaseAddress, "/hub")).Build();
        var events = new List<(string, JsonElement)>();
        foreach (var name in new[] { "session-joined", "code-update", "language-update", "user-joined", "user-left", "error" })
        {
            connection.On<JsonElement>(name, payload =>
            {
                lock (events)
                {
                    events.Add((name, payload));
                }
            });
        }

        await connection.StartAsync();
        return (connection, events);
    }

    private static async Task<JsonElement> NextAsync(List<(string Name, JsonElement Payload)> events, string name)
    {
        JsonElement? Find()
        {
            lock (events)
            {
                var index = events.FindIndex(e => e.Name == name);
                if (index < 0)
                {
                    return null;
                }

                var found = events[index].Payload;
                events.RemoveAt(index);
                return found;
            }
        }

        JsonElement? result = null;
        await Eventually.HoldsAsync(() => (result = Find()) is not null, $"{name} arrives");
        return result!.Value;
    }
}
