using System.Net;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// A recording outlives its session by RECORDING_RETENTION, counted from the end, then the store's sweep
/// deletes it (docs/protocol.md, "Recording and playback"); moved on the session clock, not waited for.
/// </summary>
public sealed class RecordingRetentionTests
{
    [Fact]
    public async Task An_ended_interview_is_kept_thirty_days_by_default_then_deleted()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var (id, key) = await CreateAsync(http);
        await using (var ines = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ines", Guid.NewGuid().ToString()))
        {
            await ines.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ines.UserId, username = "Ines", interviewerKey = key });
            await ines.EventAsync(HubEvents.SessionJoined);
            await ines.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
            await ines.EventAsync(HubEvents.SessionEnded);
        }

        var recording = new RecordingClient(http);
        // Her disconnect reaches the session on its own time; the clock moves once it has been recorded.
        await Eventually.HoldsAsync(async () => (await recording.EventsAsync(id, key)).Any(e => e.Str("type") == "leave"), "her leave was recorded");
        gateway.Clock.Advance(TimeSpan.FromHours(5)); // past MAX_SESSION_DURATION: the session expires; its end stays what counts
        await Eventually.HoldsAsync(async () => (await http.GetAsync($"/api/sessions/{id}")).StatusCode == HttpStatusCode.NotFound, "the session expired");
        gateway.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromHours(5) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await recording.GetAsync(id, key)).StatusCode);
        var events = await recording.EventsAsync(id, key);
        Assert.Equal(["join", "ended", "leave", "ended"], events.Select(e => e.Str("type")));
        Assert.Equal("expired", events[^1].Str("reason"));

        gateway.Clock.Advance(TimeSpan.FromHours(1)); // the hourly sweep runs on the session clock
        await Eventually.HoldsAsync(async () => (await recording.GetAsync(id, key)).StatusCode == HttpStatusCode.NotFound, "the recording was deleted");
    }

    [Fact]
    public async Task RECORDING_RETENTION_sets_how_long_an_expired_sessions_recording_stays()
    {
        await using var gateway = await TestGateway.StartAsync("RECORDING_RETENTION=7200000", "SESSION_TIMEOUT=600000");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var (id, key) = await CreateAsync(http);
        var (other, otherKey) = await CreateAsync(http);
        var recording = new RecordingClient(http);

        gateway.Clock.Advance(TimeSpan.FromMinutes(11)); // nobody came: SESSION_TIMEOUT expires both
        foreach (var session in new[] { id, other })
        {
            await Eventually.HoldsAsync(async () => (await http.GetAsync($"/api/sessions/{session}")).StatusCode == HttpStatusCode.NotFound, "the session expired");
        }

        var page = await Json.ReadAsync(await recording.GetAsync(id, key));
        Assert.Equal("expired", page.GetProperty("events").EnumerateArray().Single().Str("reason"));
        Assert.Equal(page.GetProperty("events")[0].Str("at"), page.Str("endedAt"));

        gateway.Clock.Advance(TimeSpan.FromHours(2));
        await Eventually.HoldsAsync(async () => (await recording.GetAsync(id, key)).StatusCode == HttpStatusCode.NotFound, "the recording was deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await recording.GetAsync(other, otherKey)).StatusCode);
    }

    private static async Task<(string Id, string Key)> CreateAsync(HttpClient http)
    {
        var response = await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" }));
        response.EnsureSuccessStatusCode();
        var created = await Json.ReadAsync(response);
        return (created.Str("sessionId"), created.Str("interviewerKey"));
    }
}
