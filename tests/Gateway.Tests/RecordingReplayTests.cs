using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// Replaying a recording gives the session's text at every revision (docs/protocol.md, "Recording and
/// playback"): random sessions of "ot" tabs and full-text clients typing at once, switching languages,
/// sharing runs and reconnecting, checked against what a full-text watcher saw at each revision.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RecordingReplayTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Replaying_the_recording_gives_every_revisions_text_exactly(int seed)
    {
        var random = new Random(seed);
        var (id, key) = await fixture.CreateInterviewAsync(random.Next(2) == 0 ? "javascript" : "python");
        await using var watcher = await fixture.ConnectAsync("Watcher");
        await watcher.JoinAsync(id);
        var tabs = new List<OtHubClient>();
        var writers = new List<TestParticipant>();
        try
        {
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                tabs.Add(await OtHubClient.JoinAsync(fixture.BaseAddress, id, $"Tab{i}"));
            }

            for (var i = 0; i < 1 + random.Next(2); i++)
            {
                writers.Add(await fixture.ConnectAsync($"Writer{i}"));
                await writers[^1].JoinAsync(id);
            }

            var (runs, switches, reconnects) = (0, 0, 0);
            for (var step = 0; step < 60; step++)
            {
                switch (random.Next(20))
                {
                    case < 12:
                        var tab = tabs[random.Next(tabs.Count)];
                        tab.EditOnText(text => RandomEdit(random, text));
                        break;
                    case < 16:
                        var writer = writers[random.Next(writers.Count)];
                        var code = (await writer.JoinAsync(id)).Str("currentCode"); // what it last saw, possibly stale by the time it lands
                        await writer.ChangeCodeAsync(id, RandomEdit(random, code).ToOperation(code.Length).Apply(code));
                        break;
                    case 16:
                        await writers[0].ChangeLanguageAsync(id, random.Next(2) == 0 ? "python" : "javascript");
                        switches++;
                        break;
                    case 17:
                        Assert.True(await writers[0].Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new
                        {
                            sessionId = id, language = "javascript", success = true, output = $"run {runs}", error = (string?)null, executionTime = step, logs = Array.Empty<string>(),
                        }));
                        runs++;
                        break;
                    default:
                        // A reconnect: the tab's connection goes, a new one joins and types on.
                        var leaving = random.Next(tabs.Count);
                        await Eventually.HoldsAsync(() => tabs[leaving].Synchronized, "the tab's edits are acknowledged before it goes");
                        await tabs[leaving].DisposeAsync();
                        tabs[leaving] = await OtHubClient.JoinAsync(fixture.BaseAddress, id, $"Tab{leaving}");
                        reconnects++;
                        break;
                }
            }

            await Eventually.HoldsAsync(() => tabs.All(t => t.Synchronized), "every tab's edits are acknowledged", TimeSpan.FromSeconds(30));
            var final = await fixture.ConnectAsync("Last");
            var joined = await final.JoinAsync(id);
            var (finalCode, finalRevision) = (joined.Str("currentCode"), joined.GetProperty("revision").GetInt64());
            await Eventually.HoldsAsync(() => watcher.All(HubEvents.CodeUpdate).Any(u => u.GetProperty("revision").GetInt64() == finalRevision) || finalRevision == 0, "the watcher saw the last revision");
            var seen = watcher.All(HubEvents.CodeUpdate).ToDictionary(u => u.GetProperty("revision").GetInt64(), u => u.Str("code"));

            var pages = await new RecordingClient(fixture.Http).PagesAsync(id, key);
            var events = pages.SelectMany(page => page.GetProperty("events").EnumerateArray()).ToList();
            var text = pages[0].GetProperty("initial").Str("code");
            long revision = 0;
            foreach (var operation in events.Where(e => e.Str("type") == RecordedEventTypes.Operation))
            {
                Assert.Equal(++revision, operation.GetProperty("revision").GetInt64());
                text = JsonSerializer.Deserialize<TextOperation>(operation.GetProperty("operation").GetRawText())!.Apply(text);
                Assert.Equal(seen[revision], text);
            }

            Assert.Equal((finalRevision, finalCode), (revision, text));
            Assert.Equal(runs, events.Count(e => e.Str("type") == RecordedEventTypes.Run));
            Assert.True(events.Count(e => e.Str("type") == RecordedEventTypes.Language) <= switches);
            var joins = events.Where(e => e.Str("type") == RecordedEventTypes.Join).Select(e => e.Str("userId")).ToList();
            Assert.Equal(2 + writers.Count + tabs.Count + reconnects, joins.Distinct().Count()); // a reconnected tab joins as a new user here
            Assert.Equal(joins.Count, joins.Distinct().Count());
            var leaves = events.Select((e, i) => (e, i)).Where(x => x.e.Str("type") == RecordedEventTypes.Leave).ToList();
            Assert.True(leaves.Count <= reconnects);
            Assert.All(leaves, leave => Assert.Contains(events.Take(leave.i), e => e.Str("type") == RecordedEventTypes.Join && e.Str("userId") == leave.e.Str("userId")));
            await final.DisposeAsync();
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }

            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private static TextEdit RandomEdit(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        if (text.Length > 0 && random.Next(3) == 0)
        {
            var length = Math.Min(1 + random.Next(4), text.Length - at);
            return new TextEdit(at, length, random.Next(2) == 0 ? string.Empty : "é");
        }

        return new TextEdit(at, 0, random.Next(4) == 0 ? "\n" : ((char)('a' + random.Next(26))).ToString());
    }
}
