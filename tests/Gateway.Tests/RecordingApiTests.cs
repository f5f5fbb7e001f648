using System.Net;
using System.Text.Json;
using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Gateway.Tests;

/// <summary>GET and DELETE /api/sessions/{id}/recording through the real gateway (docs/protocol.md, "Recording and playback").</summary>
[Collection(GatewayCollection.Name)]
public class RecordingApiTests(GatewayFixture fixture)
{
    private readonly RecordingClient _recording = new(fixture.Http);

    private async Task<TestParticipant> InterviewerAsync(string id, string key, string name = "Ines")
    {
        var interviewer = await fixture.ConnectAsync(name);
        await interviewer.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = interviewer.UserId, username = name, interviewerKey = key });
        await interviewer.EventAsync(HubEvents.SessionJoined);
        return interviewer;
    }

    [Fact]
    public async Task An_interview_is_recorded_event_by_event_with_its_times_authors_and_fields()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var created = await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"));
        await using var ines = await InterviewerAsync(id, key);
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);
        await ines.EventAsync(HubEvents.UserJoined);

        await cora.ChangeCodeAsync(id, "let x = 1;");
        await cora.ChangeLanguageAsync(id, "python");
        await cora.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = false, output = "out", error = "boom", executionTime = 7, logs = new[] { "log one", "log two" } });
        await cora.Connection.InvokeAsync(HubMethods.Activity, new { sessionId = id, kind = "paste", chars = 12, lines = 2 });
        await cora.Connection.InvokeAsync(HubMethods.Activity, new { sessionId = id, kind = "focus", awayMs = 4000 });
        await ines.EventAsync(HubEvents.ActivityUpdate, skip: 1);
        await ines.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
        await cora.EventAsync(HubEvents.SessionEnded);
        await cora.DisposeAsync();
        await ines.EventAsync(HubEvents.UserLeft);

        var pages = await _recording.PagesAsync(id, key);
        var page = Assert.Single(pages);
        Assert.Equal(["createdAt", "endedAt", "events", "initial", "sessionId"], Json.Keys(page));
        Assert.Equal((id, created.Str("createdAt")), (page.Str("sessionId"), page.Str("createdAt")));
        Assert.Equal(("javascript", Languages.Template("javascript")), (page.GetProperty("initial").Str("language"), page.GetProperty("initial").Str("code")));
        var events = page.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["join", "join", "operation", "language", "run", "activity", "activity", "ended", "leave"], events.Select(e => e.Str("type")));
        Assert.All(events, e => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", e.Str("at")));
        Assert.Equal(events.Select(e => e.Str("at")).Order(StringComparer.Ordinal), events.Select(e => e.Str("at")));

        Assert.Equal(["at", "color", "role", "type", "userId", "username"], Json.Keys(events[0]));
        Assert.Equal((ines.UserId, "Ines", Roles.Interviewer), (events[0].Str("userId"), events[0].Str("username"), events[0].Str("role")));
        Assert.Equal((cora.UserId, Roles.Candidate), (events[1].Str("userId"), events[1].Str("role")));
        Assert.Equal(["at", "operation", "revision", "type", "userId"], Json.Keys(events[2]));
        Assert.Equal((cora.UserId, 1), (events[2].Str("userId"), events[2].Int("revision")));
        Assert.Equal("python", events[3].Str("language"));
        Assert.Equal(["at", "error", "executionTime", "language", "logs", "output", "revision", "success", "type", "userId", "username"], Json.Keys(events[4]));
        Assert.Equal(("python", false, "out", "boom", 7, 1), (events[4].Str("language"), events[4].GetProperty("success").GetBoolean(), events[4].Str("output"), events[4].Str("error"), events[4].Int("executionTime"), events[4].Int("revision")));
        Assert.Equal(["log one", "log two"], events[4].GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(("paste", 12, 2), (events[5].Str("kind"), events[5].Int("chars"), events[5].Int("lines")));
        Assert.Equal(("focus", 4000), (events[6].Str("kind"), events[6].Int("awayMs")));
        Assert.Equal((ines.UserId, "interviewer"), (events[7].Str("userId"), events[7].Str("reason")));
        Assert.Equal(cora.UserId, events[8].Str("userId"));
        Assert.Equal(events[7].Str("at"), page.Str("endedAt"));

        var operation = JsonSerializer.Deserialize<Interview.Shared.Text.TextOperation>(events[2].GetProperty("operation").GetRawText())!;
        Assert.Equal("let x = 1;", operation.Apply(Languages.Template("javascript")));
    }

    [Fact]
    public async Task Only_the_sessions_interviewer_key_reads_or_deletes_and_every_refusal_says_why()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var (otherId, otherKey) = await fixture.CreateInterviewAsync();

        await ExpectAsync(await fixture.Http.GetAsync($"/api/sessions/{id}/recording"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ExpectAsync(await _recording.GetAsync(id, key: ""), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        var basic = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/recording");
        basic.Headers.TryAddWithoutValidation("Authorization", $"Basic {key}");
        var basicAnswer = await fixture.Http.SendAsync(basic);
        await ExpectAsync(basicAnswer, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", basicAnswer.Headers.WwwAuthenticate.Single().Scheme);
        foreach (var wrong in new[] { otherKey, key[..^1], key + "A", key.ToUpperInvariant(), new string('a', 5000), "%00", Convert.ToBase64String(InterviewerKeys.Hash(key)) })
        {
            await ExpectAsync(await _recording.GetAsync(id, wrong), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await ExpectAsync(await _recording.DeleteAsync(id, wrong), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        await ExpectAsync(await _recording.DeleteAsync(id, key: null), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ExpectAsync(await _recording.GetAsync(Guid.NewGuid().ToString(), key), HttpStatusCode.NotFound, ErrorCodes.RecordingNotFound);
        await ExpectAsync(await _recording.DeleteAsync(Guid.NewGuid().ToString(), key), HttpStatusCode.NotFound, ErrorCodes.RecordingNotFound);
        await ExpectAsync(await _recording.GetAsync("not-a-uuid", key), HttpStatusCode.BadRequest, ErrorCodes.InvalidSession);

        // Nothing refused changed anything: both recordings are there for their own keys.
        Assert.Equal(HttpStatusCode.OK, (await _recording.GetAsync(id, key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _recording.GetAsync(otherId, otherKey)).StatusCode);
    }

    [Fact]
    public async Task A_candidate_and_a_full_text_client_never_see_a_recording()
    {
        var (id, _) = await fixture.CreateInterviewAsync();
        await using var cora = await fixture.ConnectAsync("Cora");
        var joined = await cora.JoinAsync(id);

        Assert.DoesNotContain("recording", joined.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("recording", (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).GetRawText(), StringComparison.OrdinalIgnoreCase);
        await ExpectAsync(await _recording.GetAsync(id, cora.TokenIn(id)), HttpStatusCode.Forbidden, ErrorCodes.Forbidden); // a user token is not a key
    }

    [Fact]
    public async Task Long_recordings_come_in_pages_whose_cursors_only_the_server_makes()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var (_, otherKey) = await fixture.CreateInterviewAsync();
        var recordings = fixture.Services.GetRequiredService<ISessionRecordings>();
        var at = fixture.Clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, 2500).Select(i => recordings.RecordAsync(Guid.Parse(id), new RecordedEvent(at, "activity", "u") { Kind = "blur", Chars = i })));

        var pages = await _recording.PagesAsync(id, key);

        Assert.Equal([1000, 1000, 500], pages.Select(p => p.GetProperty("events").GetArrayLength()));
        Assert.All(pages[..2], p => Assert.StartsWith($"/api/sessions/{id}/recording?cursor=", p.Str("next"), StringComparison.Ordinal));
        Assert.False(pages[2].TryGetProperty("next", out _));
        Assert.Equal(2500, pages.SelectMany(p => p.GetProperty("events").EnumerateArray()).Select(e => e.Int("chars")).Distinct().Count());
        Assert.All(pages, p => Assert.Equal(id, p.Str("sessionId")));

        var next = pages[0].Str("next");
        var cursor = next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..];
        var (index, mac) = (cursor[..cursor.IndexOf('.')], cursor[(cursor.IndexOf('.') + 1)..]);
        var (otherSession, _) = await fixture.CreateInterviewAsync();
        foreach (var forged in new[] { "2000." + mac, index + "." + mac[..^1] + (mac[^1] == 'A' ? 'B' : 'A'), index, "", "-1." + mac, "abc", index + "." + mac + "." + mac, "99999999999999999999." + mac })
        {
            await ExpectAsync(await _recording.GetAsync(id, key, $"/api/sessions/{id}/recording?cursor={Uri.EscapeDataString(forged)}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidCursor);
        }

        await ExpectAsync(await _recording.GetAsync(id, key, $"{next}&cursor={cursor}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidCursor);
        await ExpectAsync(await _recording.GetAsync(otherSession, key, $"/api/sessions/{otherSession}/recording?cursor={cursor}"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ExpectAsync(await _recording.GetAsync(id, otherKey, next), HttpStatusCode.Forbidden, ErrorCodes.Forbidden); // a wrong key is said before a cursor
        Assert.Equal(pages[1].GetRawText(), (await Json.ReadAsync(await _recording.GetAsync(id, key, next))).GetRawText());
    }

    [Fact]
    public async Task A_deleted_recording_stays_deleted_while_the_session_goes_on()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        await using var ines = await InterviewerAsync(id, key);
        await ines.ChangeCodeAsync(id, "before");

        var deleted = await _recording.DeleteAsync(id, key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        await ExpectAsync(await _recording.GetAsync(id, key), HttpStatusCode.NotFound, ErrorCodes.RecordingNotFound);
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);
        await cora.ChangeCodeAsync(id, "after");
        await ines.EventAsync(HubEvents.CodeUpdate, update => update.Str("code") == "after");
        await cora.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "javascript", success = true, output = "1", error = (string?)null, executionTime = 1, logs = Array.Empty<string>() });
        await ines.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
        await cora.EventAsync(HubEvents.SessionEnded);

        await ExpectAsync(await _recording.GetAsync(id, key), HttpStatusCode.NotFound, ErrorCodes.RecordingNotFound);
        await ExpectAsync(await _recording.DeleteAsync(id, key), HttpStatusCode.NotFound, ErrorCodes.RecordingNotFound);
        var stored = await fixture.Services.GetRequiredService<ISessionRecordings>().ReadAsync(Guid.Parse(id), 0, 100, 1 << 20);
        Assert.True(stored!.Header.Deleted);
        Assert.Equal((0, 0L, ""), (stored.Events.Count, stored.Total, stored.Header.Code));
        Assert.Equal("after", (await cora.JoinAsync(id)).Str("currentCode")); // the session itself lost nothing
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(code, body.Str("code"));
        Assert.False(string.IsNullOrEmpty(body.Str("error")));
    }
}
