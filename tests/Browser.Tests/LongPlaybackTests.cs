using System.Diagnostics;
using System.Text;
using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>
/// The playback of a four-hour interview of 100,000 operations (docs/protocol.md, "Recording and playback"):
/// every seek lands on that moment's exact text. The recording is written straight into the gateway's store
/// (typing 100,000 keystrokes through the hub would take minutes and only the times would differ).
/// How long each seek took is printed and written to artifacts/playback-seeks.txt, for the README; it is
/// a figure, not an assertion.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LongPlaybackTests(BrowserFixture fixture)
{
    private const int Operations = 100_000;
    private const int RunEvery = 10_000;
    private const string PlaybackCode = "monaco.editor.getEditors().find(e => e.getContainerDomNode().closest('#playback-editor'))";

    // Measured in the page: from the input to the editor holding another text, and the frame after it painted.
    private const string TimeToNewText = """
        async ([selector, fraction]) => {
          const editor = monaco.editor.getEditors().find(e => e.getContainerDomNode().closest('#playback-editor'));
          const changed = new Promise((resolve, reject) => {
            const listener = editor.onDidChangeModelContent(() => { listener.dispose(); resolve(); });
            setTimeout(() => reject(new Error('the text did not change within 30 s')), 30000);
          });
          const start = performance.now();
          const target = document.querySelector(selector);
          if (fraction === null) {
            target.click();
          } else {
            const box = target.getBoundingClientRect();
            const at = { clientX: box.left + box.width * fraction, clientY: box.top + 4, bubbles: true, pointerId: 1 };
            target.dispatchEvent(new PointerEvent('pointerdown', at));
            target.dispatchEvent(new PointerEvent('pointerup', at));
          }
          await changed;
          await new Promise(requestAnimationFrame);
          return performance.now() - start;
        }
        """;

    [Fact]
    public async Task A_four_hour_interview_of_100000_operations_seeks_to_every_run_with_that_moments_text()
    {
        var (sessionId, key) = (Guid.NewGuid(), InterviewerKeys.New());
        var (finalText, textAtRuns) = await RecordAnInterviewAsync(sessionId, key);

        var page = await fixture.NewParticipantAsync();
        var loading = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/session/{sessionId}/playback#interviewer={key}").ToString());
        await page.WaitForSelectorAsync(".marker-run", new() { Timeout = 180_000 });
        await page.WaitForFunctionAsync($"() => {PlaybackCode}?.getValue().length > 0", null, new() { Timeout = 60_000 });
        var loaded = loading.Elapsed;
        Assert.Equal(textAtRuns.Count, await page.Locator(".marker-run").CountAsync());

        var scrubSeeks = new List<double> { await page.EvaluateAsync<double>(TimeToNewText, new object?[] { "#playback-timeline", 1.0 }) };
        Assert.Equal(finalText, await page.EvaluateAsync<string>($"() => {PlaybackCode}.getValue()"));

        var markerSeeks = new List<double>();
        for (var run = textAtRuns.Count - 1; run >= 0; run--) // backwards: every click changes the text
        {
            var index = await page.Locator(".marker-run").Nth(run).GetAttributeAsync("data-index");
            markerSeeks.Add(await page.EvaluateAsync<double>(TimeToNewText, new object?[] { $".marker-run[data-index='{index}']", null }));
            Assert.Equal(textAtRuns[run], await page.EvaluateAsync<string>($"() => {PlaybackCode}.getValue()"));
            Assert.Contains($"run {run + 1}", await page.TextContentAsync("#playback-output") ?? "", StringComparison.Ordinal);
        }

        foreach (var fraction in new[] { 0.93, 0.05, 0.71, 0.27, 0.5, 0.99, 0.15, 0.85, 0.38, 0.62 })
        {
            scrubSeeks.Add(await page.EvaluateAsync<double>(TimeToNewText, new object?[] { "#playback-timeline", fraction }));
        }

        var figures = $"""
            Playback of {Operations:N0} operations over {RecordedSpan:g} in Chromium (this machine, Blazor WebAssembly, interpreted):
            loading the recording and building its checkpoints: {loaded.TotalSeconds:0.0} s
            seek by a run marker, input to painted text (ms): {Summary(markerSeeks)}
            seek by scrubbing the timeline (ms): {Summary(scrubSeeks)}
            """;
        Console.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(fixture.ScreenshotFolder, "..", "playback-seeks.txt"), figures);
    }

    private static readonly TimeSpan RecordedSpan = TimeSpan.FromMilliseconds(Operations * 130.0) + TimeSpan.FromMinutes(2) * (Operations / 5000);

    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToList();
        return $"median {sorted[sorted.Count / 2]:0}, max {sorted[^1]:0}, all {string.Join(" ", times.Select(t => t.ToString("0")))}";
    }

    /// <summary>
    /// A candidate types nine keystrokes in ten, an interviewer the tenth, at random places, deleting a little
    /// less than they insert; a run 5,000 operations after every 10,000 (never at the final text), a two-minute pause every 5,000 (cut short on the
    /// timeline). Gives the final text and the text each run saw.
    /// </summary>
    private async Task<(string Final, List<string> AtRuns)> RecordAnInterviewAsync(Guid sessionId, string key)
    {
        var recordings = fixture.GatewayServices.GetRequiredService<ISessionRecordings>();
        var created = DateTimeOffset.UtcNow - RecordedSpan - TimeSpan.FromMinutes(1);
        const string initial = "// Write your JavaScript code here\n";
        await recordings.StartAsync(sessionId, new RecordingHeader(created, initial, "javascript", InterviewerKeys.Hash(key), created + TimeSpan.FromDays(31)));

        var random = new Random(17);
        var text = new StringBuilder(initial);
        var atRuns = new List<string>();
        var writes = new List<Task>
        {
            recordings.RecordAsync(sessionId, new RecordedEvent(created, RecordedEventTypes.Join, "ines") { Username = "Ines", Color = "#e06c75", Role = Roles.Interviewer }),
            recordings.RecordAsync(sessionId, new RecordedEvent(created, RecordedEventTypes.Join, "carl") { Username = "Carl", Color = "#61afef", Role = Roles.Candidate }),
        };
        const string typed = "abcdefghij (){};=+\n    ";
        for (var revision = 1; revision <= Operations; revision++)
        {
            var at = created + TimeSpan.FromMilliseconds(revision * 130.0) + TimeSpan.FromMinutes(2) * (revision / 5000);
            var place = random.Next(text.Length + 1);
            var operation = new TextOperation.Builder().Retain(place);
            if (random.Next(100) < 42 && place < text.Length)
            {
                operation.Delete(1).Retain(text.Length - place - 1);
                text.Remove(place, 1);
            }
            else
            {
                var letter = typed[random.Next(typed.Length)].ToString();
                operation.Insert(letter).Retain(text.Length - place);
                text.Insert(place, letter);
            }

            var author = random.Next(10) == 0 ? "ines" : "carl";
            writes.Add(recordings.RecordAsync(sessionId, new RecordedEvent(at, RecordedEventTypes.Operation, author) { Revision = revision, Operation = operation.Build() }));
            if (revision % RunEvery == RunEvery / 2)
            {
                atRuns.Add(text.ToString());
                writes.Add(recordings.RecordAsync(sessionId, new RecordedEvent(at.AddMilliseconds(1), RecordedEventTypes.Run, "carl")
                {
                    Username = "Carl", Language = "javascript", Success = true, Output = $"run {atRuns.Count}", ExecutionTime = 3, Logs = [], Revision = revision,
                }));
            }
        }

        await Task.WhenAll(writes);
        return (text.ToString(), atRuns);
    }
}
