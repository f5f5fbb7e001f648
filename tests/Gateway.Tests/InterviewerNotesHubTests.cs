using System.Collections.Concurrent;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// The notes and the activity through the real hub, and what a candidate receives of them: nothing
/// (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
[Collection(GatewayCollection.Name)]
public class InterviewerNotesHubTests(GatewayFixture fixture)
{
    private const string Marker = "NOTES-MARKER-4c1e";

    private async Task<(TestParticipant Tab, JsonElement Joined)> InterviewerAsync(string id, string key, string name, string clientId)
    {
        var tab = await fixture.ConnectAsync(name);
        await tab.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = tab.UserId, username = name, protocol = "ot", interviewerKey = key, clientId });
        return (tab, await tab.EventAsync(HubEvents.SessionJoined));
    }

    private static Task<JsonElement> SubmitNotesAsync(TestParticipant tab, string id, string clientId, long seq, long revision, object[] operation) =>
        tab.Connection.InvokeAsync<JsonElement>(OtProtocol.SubmitOperation, new { sessionId = id, clientId, seq, revision, operation, document = "notes" });

    [Fact]
    public async Task A_candidate_listening_to_everything_never_receives_a_byte_of_the_notes_the_key_or_the_activity()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var (ines, _) = await InterviewerAsync(id, key, "Ines", "ines-notes");
        var (ivo, _) = await InterviewerAsync(id, key, "Ivo", "ivo-notes");
        await using var inesTab = ines;
        await using var ivoTab = ivo;
        using var otCandidate = await RawHubSocket.ConnectAsync(fixture.BaseAddress);
        using var specCandidate = await RawHubSocket.ConnectAsync(fixture.BaseAddress);
        await otCandidate.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{id}}","userId":"{{Guid.NewGuid()}}","username":"Cora","protocol":"ot"}""");
        await specCandidate.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{id}}","userId":"{{Guid.NewGuid()}}","username":"Spec"}""");
        var (otFrames, otReading) = Record(otCandidate);
        var (specFrames, specReading) = Record(specCandidate);
        await Eventually.HoldsAsync(() => otFrames.Any(f => f.Contains("session-joined")) && specFrames.Any(f => f.Contains("session-joined")), "both candidates joined");

        Assert.Equal(1, (await SubmitNotesAsync(ines, id, "ines-notes", 1, 0, [$"{Marker} strong start"])).GetProperty("revision").GetInt64());
        var first = await ivo.EventAsync(OtProtocol.Operation, o => o.TryGetProperty("document", out _));
        Assert.Equal(("notes", 1L, "ines-notes"), (first.Str("document"), first.GetProperty("revision").GetInt64(), first.Str("clientId")));
        Assert.Equal(2, (await SubmitNotesAsync(ivo, id, "ivo-notes", 1, 1, [$"{Marker} ", Marker.Length + 13])).GetProperty("revision").GetInt64());
        await ines.EventAsync(OtProtocol.Operation, o => o.TryGetProperty("document", out _) && o.GetProperty("revision").GetInt64() == 2);

        // The candidates are listening: they hear the code change, then the end.
        await ines.ChangeCodeAsync(id, "// visible to all");
        await Eventually.HoldsAsync(() => otFrames.Any(f => f.Contains("visible to all")) && specFrames.Any(f => f.Contains("visible to all")), "both candidates see the code");
        await specCandidate.SendAsync(HubMethods.Activity, $$"""{"sessionId":"{{id}}","kind":"paste","chars":{{Marker.Length}},"lines":1}""");
        await ines.EventAsync(HubEvents.ActivityUpdate);
        await ines.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
        await Eventually.HoldsAsync(() => otFrames.Any(f => f.Contains("session-ended")) && specFrames.Any(f => f.Contains("session-ended")), "both candidates hear the end");
        await SubmitNotesAsync(ines, id, "ines-notes", 2, 2, [$"after the end {Marker} ", 2 * Marker.Length + 14]);
        await ivo.EventAsync(OtProtocol.Operation, o => o.TryGetProperty("document", out _) && o.GetProperty("revision").GetInt64() == 3);

        foreach (var frame in otFrames.Concat(specFrames))
        {
            Assert.DoesNotContain(Marker, frame, StringComparison.Ordinal);
            Assert.DoesNotContain(key, frame, StringComparison.Ordinal);
            Assert.DoesNotContain("notes", frame, StringComparison.Ordinal);
            Assert.DoesNotContain(HubEvents.ActivityUpdate, frame, StringComparison.Ordinal);
        }

        var details = await (await fixture.Http.GetAsync($"/api/sessions/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Marker, details, StringComparison.Ordinal);
        Assert.Contains("\"endedAt\"", details, StringComparison.Ordinal);
        await Task.WhenAll(otReading, specReading);
    }

    [Fact]
    public async Task Notes_refusals_name_their_field_change_nothing_and_a_rejoin_catches_up()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var (ines, joined) = await InterviewerAsync(id, key, "Ines", "tab");
        await using var _ = ines;
        var code = joined.Str("currentCode");
        Assert.Equal(["revision", "text"], Json.Keys(joined.GetProperty("notes")));
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);

        Assert.Equal(1, (await SubmitNotesAsync(ines, id, "tab", 1, 0, ["first"])).GetProperty("revision").GetInt64());
        foreach (var (document, field) in new (object, string)[] { ("secrets", "document"), (7, "document") })
        {
            var refused = await ines.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 2, revision = 1, operation = new object[] { 5, "!" }, document });
            Assert.Equal((ErrorCodes.InvalidPayload, field), (refused.Str("code"), refused.GetProperty("details").Str("field")));
        }

        var reused = await ines.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 1, revision = 0, operation = new object[] { "c", code.Length } });
        Assert.Equal("seq", reused.GetProperty("details").Str("field"));
        var candidates = await cora.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "cora", seq = 1, revision = 1, operation = new object[] { "mine", 5 }, document = "notes" });
        Assert.Equal(ErrorCodes.Forbidden, candidates.Str("code"));
        var tooLarge = await ines.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 2, revision = 1, operation = new object[] { 5, new string('n', 102_400) }, document = "notes" });
        Assert.Equal("operation", tooLarge.GetProperty("details").Str("field"));

        // Still usable: the next edit goes in, and a rejoin from revision 0 gets the notes' operations.
        Assert.Equal(2, (await SubmitNotesAsync(ines, id, "tab", 2, 1, [5, "!"])).GetProperty("revision").GetInt64());
        await ines.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ines.UserId, username = "Ines", protocol = "ot", interviewerKey = key, clientId = "tab", notesRevision = 0 });
        var rejoined = await ines.EventAsync(HubEvents.SessionJoined, skip: 1);
        Assert.Equal(("first!", 2L, 2L), (rejoined.GetProperty("notes").Str("text"), rejoined.GetProperty("notes").GetProperty("revision").GetInt64(), rejoined.GetProperty("notesLastSeq").GetInt64()));
        Assert.Equal([1L, 2L], rejoined.GetProperty("notesOperations").EnumerateArray().Select(o => o.GetProperty("revision").GetInt64()));
        Assert.All(rejoined.GetProperty("notesOperations").EnumerateArray(), o => Assert.Equal("notes", o.Str("document")));
    }

    [Fact]
    public async Task Activity_reports_are_checked_field_by_field_and_a_flood_is_refused_not_relayed()
    {
        var (id, key) = await fixture.CreateInterviewAsync();
        var (ines, _) = await InterviewerAsync(id, key, "Ines", "tab");
        await using var _ = ines;
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);

        foreach (var (payload, field) in new (object, string)[]
        {
            (new { sessionId = id }, "kind"),
            (new { sessionId = id, kind = 5 }, "kind"),
            (new { sessionId = id, kind = "paste", chars = "12", lines = 1 }, "chars"),
            (new { sessionId = id, kind = "paste", chars = 1.5, lines = 1 }, "chars"),
            (new { sessionId = id, kind = "paste", chars = 3, lines = -1 }, "lines"),
            (new { sessionId = id, kind = "focus", awayMs = -5 }, "awayMs"),
            (new { sessionId = id, kind = "focus" }, "awayMs"),
        })
        {
            var refused = await cora.ErrorFromAsync(HubMethods.Activity, payload);
            Assert.Equal((ErrorCodes.InvalidPayload, field), (refused.Str("code"), refused.GetProperty("details").Str("field")));
        }

        await cora.Connection.InvokeAsync(HubMethods.Activity, new { sessionId = id, kind = "focus", awayMs = 12_000 });
        var focus = await ines.EventAsync(HubEvents.ActivityUpdate);
        Assert.Equal(["at", "awayMs", "kind", "userId", "username"], Json.Keys(focus));

        var (accepted, refusals) = (1, 0);
        for (var i = 0; i < 150 && refusals == 0; i++)
        {
            var answer = await cora.Connection.InvokeAsync<JsonElement>(HubMethods.Activity, new { sessionId = id, kind = "blur" });
            var refused = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var error) && error.Str("code") == ErrorCodes.RateLimitExceeded;
            (accepted, refusals) = refused ? (accepted, refusals + 1) : (accepted + 1, refusals);
        }

        Assert.Equal(1, refusals);
        await Eventually.HoldsAsync(() => ines.Count(HubEvents.ActivityUpdate) == accepted, "every accepted report is relayed");

        // A later stream event arrives after every report sent before it: none of the refused ones comes.
        await ines.ChangeLanguageAsync(id, "python");
        await ines.EventAsync(HubEvents.LanguageUpdate);
        Assert.Equal(accepted, ines.Count(HubEvents.ActivityUpdate));
        Assert.Equal(ErrorCodes.RateLimitExceeded, (await cora.ErrorFromAsync(HubMethods.Activity, new { sessionId = id, kind = "blur" })).Str("code"));
    }

    [Fact]
    public async Task No_log_line_of_a_whole_interview_carries_the_key_or_the_notes()
    {
        var mark = fixture.Log.Mark();
        var (id, key) = await fixture.CreateInterviewAsync();
        var (ines, _) = await InterviewerAsync(id, key, "Ines", "tab");
        await using var _ = ines;
        await using var cora = await fixture.ConnectAsync("Cora");
        await cora.JoinAsync(id);
        await ines.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = ines.UserId, username = "Ines", interviewerKey = key[..^2] + "xx" });
        await cora.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = cora.UserId, interviewerKey = key + "x" });
        await SubmitNotesAsync(ines, id, "tab", 1, 0, [Marker]);
        await ines.ErrorFromAsync(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 2, revision = 1, operation = new object[] { 99, Marker }, document = "notes" });
        await cora.Connection.InvokeAsync(HubMethods.Activity, new { sessionId = id, kind = "paste", chars = 3, lines = 1 });
        await ines.Connection.InvokeAsync(HubMethods.EndSession, new { sessionId = id });
        await cora.EventAsync(HubEvents.SessionEnded);

        var lines = fixture.Log.Since(mark);
        Assert.Contains(lines, line => line.Message.Contains("wrong interviewer key", StringComparison.Ordinal)); // the log saw the run
        Assert.DoesNotContain(lines, line => $"{line.Message} {line.Exception}".Contains(key[..20], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => $"{line.Message} {line.Exception}".Contains(Marker, StringComparison.Ordinal));
    }

    /// <summary>Every frame the socket receives, from now on, as text.</summary>
    private static (ConcurrentQueue<string> Frames, Task Reading) Record(RawHubSocket socket)
    {
        var frames = new ConcurrentQueue<string>();
        var reading = Task.Run(async () =>
        {
            while (!frames.Any(f => f.Contains("session-ended", StringComparison.Ordinal)))
            {
                foreach (var frame in await socket.ReceiveFramesAsync())
                {
                    frames.Enqueue(frame);
                }
            }
        });
        return (frames, reading);
    }
}
